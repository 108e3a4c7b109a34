package io.hexgate.network.network;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.ListQuery;
import io.hexgate.common.auth.CurrentProfile;
import io.hexgate.network.share.ShareInput;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /integration/network} (SPEC §3.1), with a profile token. */
@Path("/integration/network")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "networks", description = "How devices reach the platform")
@SecurityRequirement(name = "profile-token")
@APIResponse(responseCode = "400", description = "Invalid input: `message` and `field_errors` name each field")
@APIResponse(responseCode = "401", description = "Missing, invalid or expired profile token")
public class NetworkResource {

    @Inject
    NetworkService networks;

    @Inject
    CurrentProfile profile;

    @GET
    @Operation(summary = "List the networks the profile owns, is shared or are public",
            description = "page, amount (≤ 10,000), fields, filter[id|name|public|profile] (name takes * wildcards), "
                    + "orderBy=name|created_at|updated_at|id,asc|desc")
    public Uni<ApiResponse<List<Map<String, Object>>>> list(@Context UriInfo uri) {
        ListQuery query = ListQuery.parse(uri.getQueryParameters(), NetworkService.FILTERABLE, NetworkService.ORDERABLE, "name");
        return networks.list(profile.id(), query).map(ApiResponse::ok);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a network; only name is required. Answers {network: id}")
    @APIResponse(responseCode = "403", description = "public set by a profile that is not an administrator")
    public Uni<ApiResponse<Map<String, String>>> create(NetworkInput input) {
        return networks.create(profile.id(), profile.isAdmin(), input).map(id -> ApiResponse.ok(Map.of("network", id)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One network (404 when the profile may not see it); fields limits the answer")
    @APIResponse(responseCode = "404", description = "No such network, or not visible to this profile")
    public Uni<ApiResponse<Map<String, Object>>> get(@PathParam("id") String id, @Context UriInfo uri) {
        List<String> fields = ListQuery.requestedFields(uri.getQueryParameters());
        return networks.get(profile.id(), id).map(item -> ApiResponse.ok(ListQuery.project(item, fields)));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Edit a network (owner only); absent fields are kept, \"\" clears a text",
            description = "When the serial format changes, `message` says how many existing devices no longer match it.")
    @APIResponse(responseCode = "403", description = "The network is only shared with this profile")
    public Uni<ApiResponse<String>> update(@PathParam("id") String id, NetworkInput input) {
        return networks.update(profile.id(), profile.isAdmin(), id, input)
                .map(warning -> warning == null ? ApiResponse.ok("Network Successfully Updated")
                        : ApiResponse.okWithWarning("Network Successfully Updated", warning));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a network (owner only); 409 while it has devices unless ?force=true")
    @APIResponse(responseCode = "409", description = "The network still has devices")
    public Uni<ApiResponse<String>> delete(@PathParam("id") String id, @QueryParam("force") boolean force) {
        return networks.delete(profile.id(), id, force).map(done -> ApiResponse.ok("Network Successfully Removed"));
    }

    @POST
    @Path("/{id}/share")
    @Operation(summary = "Share with another profile, which may then read it and create devices on it")
    public Uni<ApiResponse<String>> share(@PathParam("id") String id, ShareInput input) {
        String target = input == null ? null : input.profile();
        return networks.share(profile.id(), id, target).map(done -> ApiResponse.ok("Network shared with " + target));
    }

    @DELETE
    @Path("/{id}/share/{profile}")
    @Operation(summary = "Stop sharing with a profile")
    public Uni<ApiResponse<String>> unshare(@PathParam("id") String id, @PathParam("profile") String target) {
        return networks.unshare(profile.id(), id, target).map(done -> ApiResponse.ok("Network no longer shared with " + target));
    }
}
