package io.hexgate.ingest.info;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** network-service's internal device API (built by {@code ServiceClients}): a 404 when the device is gone. */
@Path("/internal/devices")
@Produces(MediaType.APPLICATION_JSON)
public interface NetworkServiceApi {

    /** The device as network-service holds it. */
    @GET
    @Path("/{id}")
    Uni<Map<String, Object>> device(@PathParam("id") String id);
}
