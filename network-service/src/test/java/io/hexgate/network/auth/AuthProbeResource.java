package io.hexgate.network.auth;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.RateLimitedException;
import io.hexgate.common.auth.CurrentProfile;
import io.quarkus.security.Authenticated;

/**
 * Test-only routes that exercise the plumbing every service shares (profile-token authentication, the error
 * envelope) through real HTTP, independent of any feature's routes.
 */
@Path("/test-probe")
public class AuthProbeResource {

    @Inject
    CurrentProfile profile;

    public record Named(@NotBlank @Size(max = 5) String name, int count) {
    }

    @GET
    @Path("/whoami")
    @Authenticated
    public ApiResponse<Map<String, Object>> whoami() {
        return ApiResponse.ok(Map.of("profile", profile.id(), "admin", profile.isAdmin()));
    }

    @POST
    @Path("/validated")
    public ApiResponse<String> validated(@Valid Named body) {
        return ApiResponse.ok(body.name());
    }

    @GET
    @Path("/limited")
    public ApiResponse<String> limited() {
        throw new RateLimitedException("rate limit of 5 requests/s per device exceeded", 2);
    }

    @GET
    @Path("/broken")
    public ApiResponse<String> broken() {
        throw new IllegalStateException("secret internal detail");
    }
}
