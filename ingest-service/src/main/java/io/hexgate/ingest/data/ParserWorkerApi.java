package io.hexgate.ingest.data;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.hexgate.common.api.ApiResponse;
import io.smallrye.mutiny.Uni;

/**
 * parser-worker's internal data API: the data's owner writes it (built by {@code ServiceClients}). Its 400 names
 * the invalid item and is passed on as it is.
 */
@Path("/internal/data/{device}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ParserWorkerApi {

    /** Edits points of the device: {@code {result: {updated: n}}}. */
    @PUT
    Uni<ApiResponse<Map<String, Integer>>> edit(@PathParam("device") String device, List<JsonNode> items);

    /** Deletes points of the device by id: {@code {result: {deleted: n}}}. */
    @POST
    @Path("/delete")
    Uni<ApiResponse<Map<String, Integer>>> delete(@PathParam("device") String device, Ids ids);

    /** {@code {ids}}: the points to delete. */
    record Ids(List<String> ids) {
    }
}
