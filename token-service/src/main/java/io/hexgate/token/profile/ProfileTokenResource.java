package io.hexgate.token.profile;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.hexgate.common.api.AccessDeniedException;
import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.auth.CurrentProfile;
import io.hexgate.token.expiry.ExpireTime;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /profile/token} (SPEC §3.2): issue profile tokens (an administrator, or the profile itself) and revoke them. */
@Path("/profile/token")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "profile tokens", description = "Signed JWTs of a profile")
@SecurityRequirement(name = "profile-token")
public class ProfileTokenResource {

    @Inject
    ProfileTokens tokens;

    @Inject
    CurrentProfile caller;

    /** {@code {profile?, name?, expire_time?, admin?}}; {@code profile} defaults to the caller's. */
    public record CreateInput(@Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String profile, @Schema(maxLength = 255) String name,
                              @Schema(maxLength = 64, description = "never, an ISO-8601 time or a duration such as 1 day") String expireTime, Boolean admin) {
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Issue a profile token: for yourself, or for any profile as an administrator")
    @APIResponse(responseCode = "403", description = "Another profile's token asked by a non-administrator")
    public Uni<ApiResponse<ProfileTokens.Issued>> create(CreateInput input) {
        CreateInput body = input == null ? new CreateInput(null, null, null, null) : input;
        String profile = body.profile() == null || body.profile().isBlank() ? caller.id() : body.profile().strip();
        if (!caller.isAdmin() && (!profile.equals(caller.id()) || Boolean.TRUE.equals(body.admin()))) {
            throw new AccessDeniedException("only an administrator issues tokens for other profiles or with the admin group");
        }
        io.hexgate.common.api.FieldErrors errors = new io.hexgate.common.api.FieldErrors();
        if (!IdFormat.isId(profile)) {
            errors.add("profile", IdFormat.notAnId(profile));
        }
        if (body.name() != null && body.name().length() > 255) {
            // the name is signed into the token: a megabyte of it would make every request carry a megabyte
            errors.add("name", "is " + body.name().length() + " characters; at most 255");
        }
        errors.throwIfAny();
        return tokens.issue(profile, body.name(), ExpireTime.parse(body.expireTime(), Instant.now()),
                Boolean.TRUE.equals(body.admin())).map(ApiResponse::ok);
    }

    @DELETE
    @Path("/{jti}")
    @Operation(summary = "Revoke a profile token by its id (jti): your own tokens, or any as an administrator; "
            + "effective on every replica within a second")
    @APIResponse(responseCode = "403", description = "Not a token of yours, and you are not an administrator")
    public Uni<ApiResponse<String>> revoke(@PathParam("jti") String jti) {
        return tokens.revoke(jti, caller).map(done -> ApiResponse.ok("Token Successfully Revoked"));
    }
}
