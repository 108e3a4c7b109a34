package io.hexgate.network.internal;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.hexgate.network.network.Network;
import io.hexgate.network.share.Sharing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Whether a profile may use a network — its own, shared with it, or public — for ingest-service's network-server
 * webhook (not routed by the gateway). It answers that and nothing of the network: the caller needs no more.
 */
@Path("/internal/network-access")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Cluster-internal, not routed by the gateway")
public class InternalNetworkAccessResource {

    @Inject
    Sharing sharing;

    @GET
    @Path("/{network}/{profile}")
    @Operation(summary = "200 {network, profile} when the profile may use the network; 404 otherwise")
    public Uni<Map<String, String>> access(@PathParam("network") String network, @PathParam("profile") String profile) {
        // Sharing.visible answers 404 for an id that cannot be one, as for one that is not visible
        return Panache.withSession(() -> sharing.visible(Network.class, Network.KIND, profile, network))
                .map(found -> Map.of("network", network, "profile", profile));
    }
}
