package io.hexgate.ingest.inspector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.common.inspector.InspectorKeys;
import io.hexgate.ingest.auth.ProfileTokens;
import io.smallrye.mutiny.Uni;

/**
 * The inspector's history over HTTP (docs/inspector.md): a device's entries, a network's entries of the asking
 * profile's uplinks, and the timed window in which a device's uplinks are traced in full with nobody watching live.
 * The live stream is {@code GET /events} ({@link EventsRoute}).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inspector", description = "Every uplink's request, parser stages, console lines, errors and stored data")
@SecurityRequirement(name = "profile-token")
@APIResponse(responseCode = "400", description = "A parameter is not what it must be: the field, the value and the rule")
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked profile token")
@APIResponse(responseCode = "404", description = "Not a device of this profile, or a network it may not use")
@APIResponse(responseCode = "503", description = "Redis, which keeps the history, cannot be reached (Retry-After); "
        + "ingestion is unaffected")
public class InspectorResource {

    private static final String SINCE = "ISO-8601 (2026-12-07T10:00:00Z) or relative to now (1 hour, 2 days); at most "
            + "the history's age (24 h by default)";

    @Inject
    ProfileTokens profileTokens;

    @Inject
    InspectorAccess access;

    @Inject
    InspectorHistory history;

    @Inject
    InspectorConfig config;

    @Inject
    ObjectMapper json;

    @GET
    @Path("device/{device}/inspector")
    @Operation(summary = "A device's inspector history, newest first: requests, stage outputs, console lines, errors, "
            + "stored data, dead letters",
            description = "The last 500 entries or 24 h. A watched device's uplinks (a live listener in the last minute, "
                    + "or a timed window) are traced in full; any other's keep their failures and one summary line.")
    @Parameter(in = ParameterIn.QUERY, name = "since", description = SINCE)
    @Parameter(in = ParameterIn.QUERY, name = "stage", description = "Comma-separated stages (request, network, connector, "
            + "device, console, stored, dlq, duplicate)")
    @Parameter(in = ParameterIn.QUERY, name = "level", description = "Comma-separated levels (debug, info, warn, error)")
    @Parameter(in = ParameterIn.QUERY, name = "q", description = "Text the entry holds (case-insensitive), at most 100 "
            + "characters", schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    @Parameter(in = ParameterIn.QUERY, name = "limit", description = "1 to 500 (default 100)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
    @APIResponse(responseCode = "200", description = "The entries, each with its id (the live stream's event id)")
    public Uni<ApiResponse<List<JsonNode>>> device(@PathParam("device") String device, HttpHeaders headers, UriInfo uri) {
        IdFormat.require("device", device);
        InspectorQuery query = InspectorQuery.parse(uri.getQueryParameters());
        return profileTokens.profile(TokenHeaders.find(headers, uri).orElse(null), "token")
                .call(profile -> access.device(device, profile))
                .chain(profile -> read(history.deviceKey(device), query));
    }

    @GET
    @Path("integration/network/{network}/inspector")
    @Operation(summary = "A network's inspector history of this profile's uplinks, newest first",
            description = "Every network-level uplink (a network server's webhook) of the profile on this network — "
                    + "the unknown serials and failed network parsers too, which no device's history has. A built-in or "
                    + "shared network serves many profiles: each sees its own uplinks only.")
    @Parameter(in = ParameterIn.QUERY, name = "since", description = SINCE)
    @Parameter(in = ParameterIn.QUERY, name = "stage", description = "Comma-separated stages")
    @Parameter(in = ParameterIn.QUERY, name = "level", description = "Comma-separated levels (debug, info, warn, error)")
    @Parameter(in = ParameterIn.QUERY, name = "q", description = "Text the entry holds, at most 100 characters",
            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    @Parameter(in = ParameterIn.QUERY, name = "limit", description = "1 to 500 (default 100)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
    @APIResponse(responseCode = "200", description = "The entries, each with its id")
    public Uni<ApiResponse<List<JsonNode>>> network(@PathParam("network") String network, HttpHeaders headers, UriInfo uri) {
        IdFormat.require("network", network);
        InspectorQuery query = InspectorQuery.parse(uri.getQueryParameters());
        return profileTokens.profile(TokenHeaders.find(headers, uri).orElse(null), "token")
                .call(profile -> access.network(network, profile))
                .chain(profile -> read(history.networkKey(network, profile), query));
    }

    /** The timed window's body. */
    public record Window(@Schema(description = "Minutes from now the device's uplinks are traced in full: 0 (ends the "
            + "window) to 60", minimum = "0", maximum = "60", required = true) Integer minutes) {
    }

    @PUT
    @Path("device/{device}/inspector/window")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Trace a device's uplinks in full for the next minutes, with nobody watching live",
            description = "TagoCore's inspected_at, ThingsBoard's \"all messages for 15 minutes\": every uplink's request, "
                    + "stage outputs and stored data are kept in the history until the window ends. 0 ends it.")
    @APIResponse(responseCode = "200", description = "{device, watched_until}: when the full traces end (null: not watched)")
    public Uni<ApiResponse<Map<String, Object>>> window(@PathParam("device") String device, Window body, HttpHeaders headers,
                                                       UriInfo uri) {
        IdFormat.require("device", device);
        return profileTokens.profile(TokenHeaders.find(headers, uri).orElse(null), "token")
                .chain(profile -> access.device(device, profile))
                .chain(network -> window(device, network, body));
    }

    private Uni<ApiResponse<Map<String, Object>>> window(String device, String network, Window body) {
        long maxMinutes = config.maxWindow().toMinutes();
        if (body == null || body.minutes() == null || body.minutes() < 0 || body.minutes() > maxMinutes) {
            Object given = body == null ? null : body.minutes();
            throw InvalidRequestException.field("minutes", "minutes: " + given + " is not a whole number of minutes from 0 "
                    + "(ends the window) to " + maxMinutes);
        }
        long until = body.minutes() == 0 ? 0 : System.currentTimeMillis() + body.minutes() * 60_000L;
        return history.window(InspectorKeys.device(device), until)
                .chain(() -> until == 0 ? Uni.createFrom().voidItem()
                        : history.watch(List.of(InspectorKeys.via(network)), until))
                .map(done -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("device", device);
                    answer.put("watched_until", until == 0 ? null : Instant.ofEpochMilli(until).toString());
                    return ApiResponse.ok(answer);
                });
    }

    private Uni<ApiResponse<List<JsonNode>>> read(String key, InspectorQuery query) {
        return history.newest(key, query.sinceMillis(), query.limit(), query.filter(json)).map(entries -> {
            List<JsonNode> answer = new ArrayList<>(entries.size());
            for (InspectorHistory.Entry entry : entries) {
                try {
                    ObjectNode node = (ObjectNode) json.readTree(entry.json());
                    ObjectNode withId = json.createObjectNode().put("id", entry.id());
                    withId.setAll(node);
                    answer.add(withId);
                } catch (Exception unreadable) {
                    // the consumer writes only JSON objects: another writer's entry is left out
                }
            }
            return ApiResponse.ok(answer);
        });
    }
}
