package io.hexgate.token.network;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.auth.CurrentProfile;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /integration/network/token} (SPEC §3.2), with a profile token of the network's owner. */
@Path("/integration/network/token")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "network tokens", description = "Tokens of network servers: resolve serials, post network data")
@SecurityRequirement(name = "profile-token")
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked profile token")
@APIResponse(responseCode = "404", description = "No such network (or token) of this profile")
public class NetworkTokenResource {

    @Inject
    NetworkTokenService tokens;

    @Inject
    CurrentProfile profile;

    /** {@code {network, name, permission, expire_time}}. */
    public record CreateInput(@Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String network, @Schema(maxLength = 255) String name,
                              @Schema(maxLength = 5, enumeration = { "read", "write", "full" }) String permission, @Schema(maxLength = 64, description = "never, an ISO-8601 time or a duration such as 1 day") String expireTime) {
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a network token: n- and 32 hex characters, shown only in this answer",
            description = "permission: full (default), write, read, deny; expire_time: never (default), an ISO date, "
                    + "or a relative time like '3 months'.")
    @APIResponse(responseCode = "400", description = "Bad permission or expire_time")
    public Uni<ApiResponse<NetworkTokenService.Issued>> create(CreateInput input) {
        if (input == null) {
            throw InvalidRequestException.field("body", "body: a JSON object is required");
        }
        return tokens.issue(profile.id(), profile.isAdmin(), input.network(), input.name(), input.permission(),
                input.expireTime()).map(ApiResponse::ok);
    }

    @GET
    @Path("/{network}")
    @Operation(summary = "The network's tokens (only their first characters)")
    public Uni<ApiResponse<List<Map<String, Object>>>> list(@PathParam("network") String network) {
        return tokens.list(profile.id(), profile.isAdmin(), network).map(ApiResponse::ok);
    }

    @DELETE
    @Path("/{token}")
    @Operation(summary = "Revoke a network token; it fails everywhere within a second")
    public Uni<ApiResponse<String>> revoke(@PathParam("token") String token) {
        return tokens.revoke(profile.id(), profile.isAdmin(), token).map(done -> ApiResponse.ok("Token Successfully Removed"));
    }
}
