package io.hexgate.token.serviceauth;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.ListQuery;
import io.hexgate.common.auth.CurrentProfile;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /serviceauth} (SPEC §3.2), TagoIO's service authorizations, with a profile token. */
@Path("/serviceauth")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "service authorizations", description = "Credentials a network server's webhook carries to name the profile")
@SecurityRequirement(name = "profile-token")
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked profile token")
public class ServiceAuthorizationResource {

    @Inject
    ServiceAuthorizationService authorizations;

    @Inject
    CurrentProfile profile;

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Make a service authorization: at and 32 hex characters, shown only in this answer",
            description = "Use it as {authorization} of resolve, ?authorization= of network-level data, or the "
                    + "Authorization header of a network server's webhook. permission: full (default), write, read, "
                    + "deny; expire_time: never (default), an ISO date, or a span like '3 months'.")
    @APIResponse(responseCode = "400", description = "A field out of its rule; field_errors names it")
    public Uni<ApiResponse<ServiceAuthorizationService.Issued>> create(ServiceAuthorizationInput input) {
        return authorizations.issue(profile.id(), required(input)).map(ApiResponse::ok);
    }

    @GET
    @Operation(summary = "The profile's service authorizations (only their first characters)",
            description = "page, amount, fields, filter[name], orderBy=name|created_at|expire_time|last_authorization,asc|desc")
    @APIResponse(responseCode = "400", description = "A bad list parameter")
    public Uni<ApiResponse<List<Map<String, Object>>>> list(@Context UriInfo uri) {
        ListQuery query = ListQuery.parse(uri.getQueryParameters(), ServiceAuthorizationService.FILTERABLE,
                ServiceAuthorizationService.ORDERABLE, "created_at");
        return authorizations.list(profile.id(), query).map(ApiResponse::ok);
    }

    @PUT
    @Path("/{token}")
    @Operation(summary = "Change a service authorization's name, verification_code or additional_parameters")
    @APIResponse(responseCode = "400", description = "A field out of its rule, or one that cannot change")
    @APIResponse(responseCode = "404", description = "No such service authorization of this profile")
    public Uni<ApiResponse<String>> edit(@PathParam("token") String token, ServiceAuthorizationInput input) {
        return authorizations.edit(profile.id(), profile.isAdmin(), token, required(input))
                .map(done -> ApiResponse.ok("Authorization Code Successfully Updated"));
    }

    @DELETE
    @Path("/{token}")
    @Operation(summary = "Revoke a service authorization; it fails everywhere within a second")
    @APIResponse(responseCode = "404", description = "No such service authorization of this profile")
    public Uni<ApiResponse<String>> revoke(@PathParam("token") String token) {
        return authorizations.revoke(profile.id(), profile.isAdmin(), token).map(done -> ApiResponse.ok("Token Successfully Removed"));
    }

    private static ServiceAuthorizationInput required(ServiceAuthorizationInput input) {
        if (input == null) {
            throw InvalidRequestException.field("body", "body: a JSON object is required");
        }
        return input;
    }
}
