package io.hexgate.network.internal;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.common.contract.RegistryChange;
import io.hexgate.network.connector.Connector;
import io.hexgate.network.device.Device;
import io.hexgate.network.entity.EntityId;
import io.hexgate.network.entity.SharedEntity;
import io.hexgate.network.network.Network;
import io.hexgate.network.outbox.RegistryChanges;
import io.hexgate.network.share.Sharing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The registry for parser-worker's cache (cluster-internal, not routed by the gateway): what parser-worker has not
 * yet seen on {@code hexgate.registry.changes}, read here instead of in this service's schema. An entity answers in
 * the form the topic carries it (a {@link RegistryChange} upsert, its current version), so one reader serves both.
 * {@code visible_to} asks whether a profile may see it (the sharing rules of {@link Sharing}, applied here only):
 * 404 when it may not, as when it does not exist.
 */
@Path("/internal/registry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Cluster-internal, not routed by the gateway")
public class InternalRegistryResource {

    @Inject
    Sharing sharing;

    @Inject
    RegistryChanges changes;

    @GET
    @Path("/{type}/{id}")
    @Operation(summary = "A network, connector or device as hexgate.registry.changes carries it (optionally: if visible to a profile)")
    public Uni<RegistryChange> entity(@PathParam("type") String type, @PathParam("id") String id,
                                      @QueryParam("visible_to") String visibleTo) {
        if (!EntityId.isValid(id)) {
            return Uni.createFrom().failure(notFound(type, id));
        }
        return Panache.withSession(() -> switch (type) {
            case Network.KIND -> shared(Network.class, Network.KIND, id, visibleTo);
            case Connector.KIND -> shared(Connector.class, Connector.KIND, id, visibleTo);
            case Device.KIND -> Device.<Device>findById(id).map(device -> {
                if (device == null || visibleTo != null && !device.profile.equals(visibleTo)) {
                    throw notFound(type, id);
                }
                return changes.change(Device.KIND, RegistryChange.UPSERT, id, device.profile, device.version, device.toJson());
            });
            default -> Uni.createFrom().failure(notFound(type, id));
        });
    }

    @GET
    @Path("/devices")
    @Operation(summary = "The id of the device with this serial (as stored: normalised by the network's mask) on a network, in a profile")
    public Uni<Map<String, String>> deviceBySerial(@QueryParam("network") String network, @QueryParam("profile") String profile,
                                                   @QueryParam("serial") String serial) {
        if (!EntityId.isValid(network) || profile == null || serial == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("no device with that serial"));
        }
        return Panache.withSession(() -> Device.<Device>find("network = ?1 and profile = ?2 and serieNumber = ?3",
                network, profile, serial).firstResult().map(device -> {
                    if (device == null) {
                        throw new ResourceNotFoundException("no device with that serial");
                    }
                    return Map.of("id", device.id);
                }));
    }

    private <T extends SharedEntity> Uni<RegistryChange> shared(Class<T> type, String kind, String id, String visibleTo) {
        Uni<T> found = visibleTo == null ? sharing.find(type, kind, id) : sharing.visible(type, kind, visibleTo, id);
        return found.flatMap(entity -> sharing.sharedWith(entity).map(shares ->
                changes.change(kind, RegistryChange.UPSERT, id, entity.profile, entity.version, entity.toJson(shares))));
    }

    private static ResourceNotFoundException notFound(String type, String id) {
        return new ResourceNotFoundException(type + " " + id + " not found");
    }
}
