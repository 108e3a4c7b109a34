package io.hexgate.common.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.hexgate.common.contract.Introspection;
import io.smallrye.mutiny.Uni;

/** token-service's introspection, which every other service asks (built by {@link ServiceClients}). */
@Path("/internal/introspect")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TokenServiceApi {

    @POST
    Uni<Introspection> introspect(Introspection.Question question);
}
