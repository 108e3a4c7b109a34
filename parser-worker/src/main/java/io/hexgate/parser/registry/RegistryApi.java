package io.hexgate.parser.registry;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.hexgate.common.contract.RegistryChange;
import io.smallrye.mutiny.Uni;

/**
 * network-service's internal registry API (built by {@code ServiceClients}): what the cache has not seen on
 * {@code hexgate.registry.changes}; a 404 when the entity does not exist (or is not visible to {@code visible_to}).
 */
@Path("/internal/registry")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryApi {

    /** A network, connector or device in the form the topic carries it. */
    @GET
    @Path("/{type}/{id}")
    Uni<RegistryChange> entity(@PathParam("type") String type, @PathParam("id") String id,
                               @QueryParam("visible_to") String visibleTo);

    /** {@code {id}} of the device with this stored serial on the network, in the profile. */
    @GET
    @Path("/devices")
    Uni<Map<String, String>> deviceBySerial(@QueryParam("network") String network, @QueryParam("profile") String profile,
                                            @QueryParam("serial") String serial);
}
