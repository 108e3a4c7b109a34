package io.hexgate.token.device;

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

/** {@code /device/token} (SPEC §3.2), with a profile token of the device's owner. */
@Path("/device/token")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "device tokens", description = "Tokens devices post and read their data with")
@SecurityRequirement(name = "profile-token")
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked profile token")
@APIResponse(responseCode = "404", description = "No such device (or token) of this profile")
public class DeviceTokenResource {

    @Inject
    DeviceTokenService tokens;

    @Inject
    CurrentProfile profile;

    /** {@code {device, name, permission, expire_time, serie_number?}}. */
    public record CreateInput(@Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String device, @Schema(maxLength = 255) String name,
                              @Schema(maxLength = 5, enumeration = { "read", "write", "full" }) String permission, @Schema(maxLength = 64, description = "never, an ISO-8601 time or a duration such as 1 day") String expireTime,
                              @Schema(maxLength = 100) String serieNumber) {
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a device token (UUID format, shown only in this answer)")
    @APIResponse(responseCode = "400", description = "Bad permission or expire_time")
    public Uni<ApiResponse<DeviceTokenService.Issued>> create(CreateInput input) {
        if (input == null) {
            throw InvalidRequestException.field("body", "body: a JSON object is required");
        }
        return tokens.issueFor(profile.id(), profile.isAdmin(), input.device(), input.name(), input.permission(),
                        input.expireTime(), input.serieNumber())
                .map(ApiResponse::ok);
    }

    @GET
    @Path("/{device}")
    @Operation(summary = "The device's tokens (only their first characters)")
    public Uni<ApiResponse<List<Map<String, Object>>>> list(@PathParam("device") String device) {
        return tokens.list(profile.id(), profile.isAdmin(), device).map(ApiResponse::ok);
    }

    @DELETE
    @Path("/{token}")
    @Operation(summary = "Revoke a device token; it fails everywhere within a second")
    public Uni<ApiResponse<String>> revoke(@PathParam("token") String token) {
        return tokens.revoke(profile.id(), profile.isAdmin(), token).map(done -> ApiResponse.ok("Token Successfully Removed"));
    }
}
