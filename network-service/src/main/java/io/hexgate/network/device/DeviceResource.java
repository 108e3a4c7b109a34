package io.hexgate.network.device;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.ListQuery;
import io.hexgate.common.auth.CurrentProfile;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /device} (SPEC §3.1), with a profile token; device tokens live under {@code /device/token} (token-service). */
@Path("/device")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "devices", description = "Devices made from a network and a connector")
@SecurityRequirement(name = "profile-token")
@APIResponse(responseCode = "400", description = "Invalid input: `message` and `field_errors` name each field")
@APIResponse(responseCode = "401", description = "Missing, invalid or expired profile token")
@APIResponse(responseCode = "404", description = "No such device of this profile")
public class DeviceResource {

    @Inject
    DeviceService devices;

    @Inject
    CurrentProfile profile;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(summary = "List the profile's devices",
            description = "page, amount (≤ 10,000), fields, filter[id|name|network|connector|serie_number|active], orderBy")
    public Uni<ApiResponse<List<Map<String, Object>>>> list(@Context UriInfo uri) {
        ListQuery query = ListQuery.parse(uri.getQueryParameters(), DeviceService.FILTERABLE, DeviceService.ORDERABLE, "name");
        return devices.list(profile.id(), query).map(ApiResponse::ok);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a device and its first device token: {device_id, token}",
            description = "The serial is normalised by the network's mask; params start from the network's and the "
                    + "connector's device_parameters, then the given values.")
    @APIResponse(responseCode = "409", description = "Another device of the profile on that network has the serial")
    @APIResponse(responseCode = "503", description = "token-service unreachable: the device was not created")
    public Uni<ApiResponse<DeviceService.Created>> create(DeviceInput input) {
        return devices.create(profile.id(), input).map(ApiResponse::ok);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One device")
    public Uni<ApiResponse<Map<String, Object>>> get(@PathParam("id") String id, @Context UriInfo uri) {
        List<String> fields = ListQuery.requestedFields(uri.getQueryParameters());
        return devices.get(profile.id(), id).map(item -> ApiResponse.ok(ListQuery.project(item, fields)));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Edit a device; absent fields are kept")
    @APIResponse(responseCode = "409", description = "Another device of the profile on that network has the serial")
    public Uni<ApiResponse<String>> update(@PathParam("id") String id, DeviceInput input) {
        return devices.update(profile.id(), id, input).map(done -> ApiResponse.ok("Device Successfully Updated"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a device and revoke its tokens")
    public Uni<ApiResponse<String>> delete(@PathParam("id") String id) {
        return devices.delete(profile.id(), id).map(done -> ApiResponse.ok("Device Successfully Removed"));
    }

    @GET
    @Path("/{id}/params")
    @Operation(summary = "The device's params [{id, key, value, sent}]")
    public Uni<ApiResponse<List<Device.Param>>> params(@PathParam("id") String id) {
        return devices.params(profile.id(), id).map(ApiResponse::ok);
    }

    @POST
    @Path("/{id}/params")
    @Operation(summary = "Add or edit params: one object or an array; with id edits that param, else by key (≤ 60)")
    public Uni<ApiResponse<List<Device.Param>>> setParams(@PathParam("id") String id,
            @RequestBody(required = true, description = "one {id?, key, value, sent?} or an array of them", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                            implementation = DeviceInput.ParamInput.class, maxItems = Device.MAX_PARAMS))) JsonNode body) {
        List<DeviceInput.ParamInput> edits;
        InvalidRequestException shape = InvalidRequestException.field("params",
                "params: an object {key, value, sent} or an array of them");
        try {
            edits = body == null ? java.util.Collections.emptyList() : body.isArray()
                    ? java.util.Arrays.asList(json.treeToValue(body, DeviceInput.ParamInput[].class))
                    : java.util.Collections.singletonList(json.treeToValue(body, DeviceInput.ParamInput.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw shape;
        }
        // JSON null, alone or in the array, reads as a null edit: the caller's error, not a NullPointerException
        if (edits.contains(null)) {
            throw shape;
        }
        return devices.setParams(profile.id(), id, edits).map(ApiResponse::ok);
    }

    @DELETE
    @Path("/{id}/params/{paramId}")
    @Operation(summary = "Remove one param")
    public Uni<ApiResponse<String>> deleteParam(@PathParam("id") String id, @PathParam("paramId") String paramId) {
        return devices.deleteParam(profile.id(), id, paramId).map(done -> ApiResponse.ok("Param Successfully Removed"));
    }
}
