package io.hexgate.network.connector;

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
import io.hexgate.common.api.ListQuery;
import io.hexgate.common.auth.CurrentProfile;
import io.hexgate.network.share.ShareInput;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /integration/connector} (SPEC §3.1), with a profile token. */
@Path("/integration/connector")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "connectors", description = "What a device is: its decoder and parameters")
@SecurityRequirement(name = "profile-token")
@APIResponse(responseCode = "400", description = "Invalid input: `message` and `field_errors` name each field")
@APIResponse(responseCode = "401", description = "Missing, invalid or expired profile token")
public class ConnectorResource {

    @Inject
    ConnectorService connectors;

    @Inject
    CurrentProfile profile;

    @GET
    @Operation(summary = "List the connectors the profile owns, is shared or are public",
            description = "page, amount (≤ 10,000), fields, filter[id|name|public|profile], orderBy")
    public Uni<ApiResponse<List<Map<String, Object>>>> list(@Context UriInfo uri) {
        ListQuery query = ListQuery.parse(uri.getQueryParameters(), ConnectorService.FILTERABLE, ConnectorService.ORDERABLE, "name");
        return connectors.list(profile.id(), query).map(ApiResponse::ok);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a connector: name and at least one visible network. Answers {connector: id}")
    public Uni<ApiResponse<Map<String, String>>> create(ConnectorInput input) {
        return connectors.create(profile.id(), profile.isAdmin(), input).map(id -> ApiResponse.ok(Map.of("connector", id)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One connector (404 when the profile may not see it)")
    @APIResponse(responseCode = "404", description = "No such connector, or not visible to this profile")
    public Uni<ApiResponse<Map<String, Object>>> get(@PathParam("id") String id, @Context UriInfo uri) {
        List<String> fields = ListQuery.requestedFields(uri.getQueryParameters());
        return connectors.get(profile.id(), id).map(item -> ApiResponse.ok(ListQuery.project(item, fields)));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Edit a connector (owner only); absent fields are kept")
    @APIResponse(responseCode = "403", description = "The connector is only shared with this profile")
    public Uni<ApiResponse<String>> update(@PathParam("id") String id, ConnectorInput input) {
        return connectors.update(profile.id(), profile.isAdmin(), id, input)
                .map(done -> ApiResponse.ok("Connector Successfully Updated"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a connector (owner only); 409 while devices use it")
    @APIResponse(responseCode = "409", description = "Devices still use the connector")
    public Uni<ApiResponse<String>> delete(@PathParam("id") String id) {
        return connectors.delete(profile.id(), id).map(done -> ApiResponse.ok("Connector Successfully Removed"));
    }

    @POST
    @Path("/{id}/share")
    @Operation(summary = "Share with another profile",
            description = "`message` warns when the connector's networks stay invisible to that profile.")
    public Uni<ApiResponse<String>> share(@PathParam("id") String id, ShareInput input) {
        String target = input == null ? null : input.profile();
        return connectors.share(profile.id(), id, target).map(warning -> warning == null
                ? ApiResponse.ok("Connector shared with " + target)
                : ApiResponse.okWithWarning("Connector shared with " + target, warning));
    }

    @DELETE
    @Path("/{id}/share/{profile}")
    @Operation(summary = "Stop sharing with a profile")
    public Uni<ApiResponse<String>> unshare(@PathParam("id") String id, @PathParam("profile") String target) {
        return connectors.unshare(profile.id(), id, target).map(done -> ApiResponse.ok("Connector no longer shared with " + target));
    }
}
