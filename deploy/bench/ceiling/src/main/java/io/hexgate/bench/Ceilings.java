package io.hexgate.bench;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/** The ceilings Hexgate's endpoints are measured against: the least a Quarkus endpoint can do. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class Ceilings {

    @Inject
    ReactiveRedisDataSource redis;

    /** A trivial endpoint: a constant JSON envelope. */
    @GET
    @Path("noop/{anything}")
    public Map<String, Object> noop(@PathParam("anything") String anything) {
        return Map.of("status", true, "result", anything);
    }

    /** One Redis GET and its value in the envelope. */
    @GET
    @Path("redis/{key}")
    public Uni<Map<String, Object>> redis(@PathParam("key") String key) {
        return redis.value(String.class).get(key).map(value -> Map.of("status", true, "result", String.valueOf(value)));
    }
}
