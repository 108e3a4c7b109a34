package io.hexgate.ingest.uplink;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** network-service's internal network-access API (built by {@code ServiceClients}): a 404 when the profile may not. */
@Path("/internal/network-access")
@Produces(MediaType.APPLICATION_JSON)
public interface NetworkAccessApi {

    /** Answers when the profile may use the network: its own, shared with it, or public. */
    @GET
    @Path("/{network}/{profile}")
    Uni<Map<String, String>> access(@PathParam("network") String network, @PathParam("profile") String profile);
}
