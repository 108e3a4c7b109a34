package io.hexgate.parser.internal;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.IdFormat;
import io.hexgate.parser.data.UplinkPoints;
import io.hexgate.parser.store.PointEdits;
import io.hexgate.parser.store.PointEdits.Edit;
import io.smallrye.mutiny.Uni;

/**
 * Writes to stored data on behalf of ingest-service's {@code PUT /data} and {@code DELETE /data} (SPEC §3.3):
 * the data schema is written only by its owner, so ingest-service (which reads it) asks here. Cluster-internal
 * (never routed by the gateway); every change is scoped to the device ingest-service authenticated.
 */
@Path("/internal/data/{device}")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalDataResource {

    @Inject
    PointEdits points;

    @PUT
    @Operation(summary = "Edit data points of a device: [{id, value?, unit?, metadata?, group?, time?, location?}]")
    public Uni<ApiResponse<Map<String, Integer>>> edit(@PathParam("device") String device, List<JsonNode> items) {
        FieldErrors errors = new FieldErrors();
        List<Edit> edits = new ArrayList<>();
        if (items == null || items.isEmpty()) {
            errors.add("body", "must be a non-empty array of {id, value?, unit?, metadata?, group?, time?, location?}");
        } else {
            for (int i = 0; i < items.size(); i++) {
                Edit edit = edit(errors, i, items.get(i));
                if (edit != null) {
                    edits.add(edit);
                }
            }
        }
        errors.throwIfAny();
        return points.edit(device, edits).map(updated -> ApiResponse.ok(Map.of("updated", updated)));
    }

    @POST
    @Path("/delete")
    @Operation(summary = "Delete data points of a device by id: {ids: [...]}")
    public Uni<ApiResponse<Map<String, Integer>>> delete(@PathParam("device") String device, JsonNode body) {
        List<String> ids = new ArrayList<>();
        if (body != null) {
            body.path("ids").forEach(id -> ids.add(id.asText()));
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(ApiResponse.ok(Map.of("deleted", 0)));
        }
        return points.delete(device, ids).map(deleted -> ApiResponse.ok(Map.of("deleted", deleted)));
    }

    /** One item's changes, column by column; null (and a field error) when it breaks a rule of SPEC §2.8. */
    private static Edit edit(FieldErrors errors, int index, JsonNode item) {
        String at = "[" + index + "]";
        if (item == null || !item.isObject() || !item.path("id").isTextual()) {
            errors.add(at + ".id", "is required: the id of the data point to edit");
            return null;
        }
        if (!IdFormat.REGEX.matcher(item.path("id").asText()).matches()) {
            errors.add(at + ".id", "'" + item.path("id").asText() + "' is not a data id (24 lowercase hexadecimal characters)");
            return null;
        }
        Map<String, Object> columns = new java.util.LinkedHashMap<>();
        try {
            if (item.has("value")) {
                Object value = UplinkPoints.value(item.get("value"));
                columns.put("value_number", value instanceof Double d ? d : null);
                columns.put("value_boolean", value instanceof Boolean b ? b : null);
                columns.put("value_string", value instanceof String s ? s : null);
            }
            if (item.has("unit")) {
                columns.put("unit", UplinkPoints.text(item, "unit", UplinkPoints.MAX_UNIT));
            }
            if (item.has("group")) {
                String group = UplinkPoints.text(item, "group", UplinkPoints.MAX_GROUP);
                if (group != null) {
                    columns.put("group_id", group);
                }
            }
            if (item.has("time")) {
                var time = UplinkPoints.time(item.get("time"));
                if (time != null) {
                    columns.put("time", time.atOffset(ZoneOffset.UTC));
                }
            }
            if (item.has("location")) {
                double[] location = UplinkPoints.location(item.get("location"));
                columns.put("lng", location == null ? null : location[0]);
                columns.put("lat", location == null ? null : location[1]);
            }
            if (item.has("metadata")) {
                columns.put("metadata", UplinkPoints.metadata(item.get("metadata")));
            }
        } catch (UplinkPoints.InvalidItem e) {
            errors.add(at, e.getMessage());
            return null;
        }
        return new Edit(item.get("id").asText(), columns);
    }
}
