package io.hexgate.ingest.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.common.client.Service;
import io.hexgate.common.client.ServiceClients;
import io.hexgate.ingest.auth.UplinkAuthentication;
import io.smallrye.mutiny.Uni;

/**
 * The stored data of the token's device (SPEC §3.3): {@code GET /data} reads it (read-only role on the data
 * schema); {@code PUT /data} and {@code DELETE /data} are carried out by the data's owner, parser-worker,
 * through its internal API — this service never writes the data schema. (Rooted at "/" like
 * {@code UplinkResource}, which serves {@code POST /data}: one class per path would hide the other's methods.)
 */
@Path("/")
@Tag(name = "data")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid device token")
public class DataResource {

    /** How long parser-worker may take to write a batch of edits or deletions. */
    private static final Duration OWNER_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    UplinkAuthentication authentication;

    @Inject
    DataReader reader;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceClients clients;

    /** parser-worker, which owns the data and carries out every write of it. */
    private ParserWorkerApi owner;

    @PostConstruct
    void connect() {
        owner = clients.of(ParserWorkerApi.class, Service.PARSER_WORKER, OWNER_TIMEOUT);
    }

    @GET
    @Path("data")
    @Operation(summary = "The device's data", description = "Newest first by default. Filters: variable/variables[], "
            + "group/groups[], ids[], values[], start_date/end_date (ISO-8601 or relative: 1 day, 3 hours), qty "
            + "(default 15, at most 10,000), skip, ordination (descending | ascending), details (adds device and "
            + "created_at). query=last_item | last_value | last_location | last_insert | first_item (one item), "
            + "count (a number), min | max (the item per variable), avg | sum ({variable, value, count} per variable).")
    @Parameter(name = "variables", in = ParameterIn.QUERY, description = "Variables (also variable, variables[0]…)")
    @Parameter(name = "groups", in = ParameterIn.QUERY, description = "Groups (also group, groups[0]…)")
    @Parameter(name = "ids", in = ParameterIn.QUERY, description = "Data ids (also ids[0]…)")
    @Parameter(name = "values", in = ParameterIn.QUERY, description = "Values to match (also value, values[0]…)")
    @Parameter(name = "qty", in = ParameterIn.QUERY, description = "How many (default 15, 1–10,000)")
    @Parameter(name = "skip", in = ParameterIn.QUERY, description = "How many to skip first")
    @Parameter(name = "ordination", in = ParameterIn.QUERY, description = "descending (default) or ascending")
    @Parameter(name = "start_date", in = ParameterIn.QUERY, description = "ISO-8601 or relative (1 day)")
    @Parameter(name = "end_date", in = ParameterIn.QUERY, description = "ISO-8601 or relative (1 hour)")
    @Parameter(name = "query", in = ParameterIn.QUERY, description = "One of " + DataQuery.KINDS)
    @Parameter(name = "details", in = ParameterIn.QUERY, description = "true adds device and created_at")
    @APIResponse(responseCode = "200", description = "The data (a list; a number for query=count)")
    @APIResponse(responseCode = "400", description = "A parameter is invalid (field_errors names it)")
    @APIResponse(responseCode = "403", description = "The token may not read")
    @APIResponse(responseCode = "503", description = "PostgreSQL cannot be reached; Retry-After says when to try again")
    public Uni<ApiResponse<Object>> get(HttpHeaders headers, UriInfo uri) {
        DataQuery query = DataQuery.from(uri.getQueryParameters(), Instant.now());
        return authentication.readableDevice(token(headers, uri))
                .chain(grant -> reader.read(grant.device(), query))
                .map(ApiResponse::ok);
    }

    @DELETE
    @Path("data")
    @Operation(summary = "Delete the device's data", description = "The same filters as GET /data; without them the "
            + "newest 15 points (qty) are deleted.")
    @APIResponse(responseCode = "200", description = "\"N Data Removed\"")
    @APIResponse(responseCode = "400", description = "A parameter is invalid (field_errors names it)")
    @APIResponse(responseCode = "403", description = "The token may not write")
    @APIResponse(responseCode = "503", description = "PostgreSQL or parser-worker cannot be reached; Retry-After says when to try again")
    public Uni<ApiResponse<String>> delete(HttpHeaders headers, UriInfo uri) {
        DataQuery query = DataQuery.from(uri.getQueryParameters(), Instant.now());
        return authentication.device(token(headers, uri))
                .chain(grant -> reader.ids(grant.device(), query).chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(0)
                        : owner.delete(grant.device(), new ParserWorkerApi.Ids(ids)).map(answer -> count(answer, "deleted"))))
                .map(n -> ApiResponse.ok(n + " Data Removed"));
    }

    @PUT
    @Path("data")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit the device's data", description = "[{id, value?, unit?, metadata?, group?, time?, location?}]: "
            + "only the fields given change; the rules of POST /data apply.")
    @APIResponse(responseCode = "200", description = "\"N Data Updated\"")
    @APIResponse(responseCode = "400", description = "An item is invalid (field_errors names it by index)")
    @APIResponse(responseCode = "403", description = "The token may not write")
    public Uni<ApiResponse<String>> edit(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = DataEdit.class))) JsonNode body,
            HttpHeaders headers, UriInfo uri) {
        List<JsonNode> items = body == null ? List.of() : body.isArray() ? json.convertValue(body,
                json.getTypeFactory().constructCollectionType(List.class, JsonNode.class)) : List.of(body);
        if (items.isEmpty()) {
            throw InvalidRequestException.field("body", "body: send an array of {id, value?, unit?, metadata?, group?, time?, location?}");
        }
        return authentication.device(token(headers, uri))
                .chain(grant -> owner.edit(grant.device(), items).map(answer -> count(answer, "updated")))
                .map(n -> ApiResponse.ok(n + " Data Updated"));
    }

    private static String token(HttpHeaders headers, UriInfo uri) {
        return TokenHeaders.find(headers, uri).orElse(null);
    }

    private static int count(ApiResponse<Map<String, Integer>> answer, String counted) {
        Map<String, Integer> result = answer.result();
        return result == null ? 0 : result.getOrDefault(counted, 0);
    }
}
