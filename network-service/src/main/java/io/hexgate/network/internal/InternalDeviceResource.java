package io.hexgate.network.internal;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.network.device.Device;
import io.hexgate.network.entity.EntityId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Cluster-internal device details for ingest-service's {@code GET /info} (not routed by the gateway): the caller
 * has already verified a device token for this device.
 */
@Path("/internal/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Cluster-internal, not routed by the gateway")
public class InternalDeviceResource {

    @GET
    @Path("/{id}")
    @Operation(summary = "A device as its owner sees it")
    public Uni<Map<String, Object>> device(@PathParam("id") String id) {
        if (!EntityId.isValid(id)) {
            return Uni.createFrom().failure(new ResourceNotFoundException("device " + id + " not found"));
        }
        return Panache.withSession(() -> Device.<Device>findById(id).map(device -> {
            if (device == null) {
                throw new ResourceNotFoundException("device " + id + " not found");
            }
            return device.toJson();
        }));
    }
}
