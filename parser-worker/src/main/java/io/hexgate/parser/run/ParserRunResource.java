package io.hexgate.parser.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.ParserSourceLimit;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.common.auth.CurrentProfile;
import io.hexgate.parser.ParserConfig;
import io.hexgate.parser.data.DataPoint;
import io.hexgate.parser.data.PointJson;
import io.hexgate.parser.data.UplinkPoints;
import io.hexgate.parser.registry.RegistryCache;
import io.hexgate.parser.runtime.ParseOutcome;
import io.hexgate.parser.runtime.ParseRequest;
import io.hexgate.parser.runtime.ParserRuntime;
import io.hexgate.parser.runtime.ParserScript;
import io.hexgate.parser.runtime.ParserStage;
import io.hexgate.parser.runtime.StageResult;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * "Test your parser" (SPEC §3.4): runs the stored network and connector parsers and the given code on a
 * sample payload, in the same runtime as the pipeline, and returns each stage's output, the console lines,
 * errors and durations, and the data that would be stored. Nothing is stored.
 */
@Path("/parser/run")
@Tag(name = "Parser test runs")
@Authenticated
@SecurityRequirement(name = "profile-token")
public class ParserRunResource {

    @Inject
    CurrentProfile profile;

    @Inject
    ParserRuntime runtime;

    @Inject
    RegistryCache registry;

    @Inject
    ParserConfig config;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run parsers on a sample payload", description = "network and connector are ids whose "
            + "stored parsers run first (yours, shared with you or public); device is a device id of yours or an "
            + "object {id, name, tags, params} used as the device global; code runs as the device stage. Each "
            + "stage's output, console lines, errors and durations come back; nothing is stored.")
    @APIResponse(responseCode = "200", description = "The run, including a failed parser (see result.error)")
    @APIResponse(responseCode = "400", description = "A field is invalid (field_errors names it)")
    @APIResponse(responseCode = "401", description = "No valid profile token")
    @APIResponse(responseCode = "404", description = "The network, connector or device is not visible to this profile")
    public Uni<ApiResponse<ObjectNode>> run(ParserRunInput input) {
        String caller = profile.id();
        FieldErrors errors = new FieldErrors();
        if (input == null) {
            errors.add("payload", "is required: the sample body to parse");
            errors.throwIfAny();
        }
        if (input.payload() == null || input.payload().isNull()) {
            errors.add("payload", "is required: the sample body to parse (a string, or JSON)");
        }
        if (input.code() != null) {
            int size = input.code().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (size > config.maxSourceBytes()) {
                errors.add("code", ParserSourceLimit.tooLarge(size, config.maxSourceBytes()));
            }
        }
        checkId(errors, "network", input.network());
        checkId(errors, "connector", input.connector());
        JsonNode device = input.device();
        if (device != null && !device.isNull() && !device.isTextual() && !device.isObject()) {
            errors.add("device", "must be a device id or an object {id, name, tags, params}");
        }
        if (device != null && device.isTextual()) {
            checkId(errors, "device", device.asText());
        }
        errors.throwIfAny();

        Uni<Optional<ParserScript>> network = input.network() == null ? none()
                : visible("network", input.network(), caller).chain(() -> registry.network(input.network()))
                        .map(found -> found.map(n -> n.parser()));
        Uni<Optional<ParserScript>> connector = input.connector() == null ? none()
                : visible("connector", input.connector(), caller).chain(() -> registry.connector(input.connector()))
                        .map(found -> found.map(c -> c.parser()));
        Uni<String> deviceGlobal = deviceGlobal(device, caller);
        return Uni.combine().all().unis(network, connector, deviceGlobal).asTuple().chain(parts -> {
            List<ParserScript> stages = new ArrayList<>();
            parts.getItem1().ifPresent(stages::add);
            parts.getItem2().ifPresent(stages::add);
            if (input.code() != null && !input.code().isBlank()) {
                stages.add(ParserScript.of(ParserStage.DEVICE, "code", input.code()));
            }
            JsonNode payload = input.payload();
            String body = payload.isTextual() ? payload.asText() : payload.toString();
            String contentType = payload.isTextual() ? "text/plain" : "application/json";
            ParseRequest request = new ParseRequest(body, contentType, null, parts.getItem3(), stages,
                    runtime.budgetFor(input.network()), true, null, caller);
            return Uni.createFrom().completionStage(() -> runtime.submit(request))
                    .map(outcome -> ApiResponse.ok(result(outcome, body)));
        });
    }

    private ObjectNode result(ParseOutcome outcome, String body) {
        ObjectNode result = json.createObjectNode();
        ArrayNode stages = result.putArray("stages");
        for (StageResult stage : outcome.stages()) {
            ObjectNode node = stages.addObject();
            node.put("stage", stage.stage().label());
            node.put("owner", stage.ownerId());
            node.put("duration_ms", stage.durationMicros() / 1000.0);
            node.put("error", stage.error());
            node.set("output", readOrNull(stage.outputJson()));
        }
        result.set("console", readOrNull(outcome.consoleJson()));
        result.put("serial", outcome.serial());
        if (outcome.failed()) {
            ObjectNode error = result.putObject("error");
            error.put("stage", outcome.failure().where());
            error.put("kind", outcome.failure().kind().label());
            error.put("message", outcome.failure().message());
            result.putArray("data");
            return result;
        }
        result.putNull("error");
        result.set("output", readOrNull(outcome.outputJson()));
        String uplink = UUID.randomUUID().toString();
        UplinkPoints points = new UplinkPoints(json, uplink, "test-run", Instant.now(), body);
        UplinkPoints.Result normalised = points.fromOutput(outcome.outputJson(), config.maxPoints(),
                Map.of("stage", "output", "kind", "invalid_output"));
        ArrayNode data = result.putArray("data");
        for (DataPoint point : normalised.points()) {
            ObjectNode node = PointJson.of(json, point);
            node.remove("id");
            node.remove("device");
            data.add(node);
        }
        result.set("invalid_items", json.valueToTree(normalised.itemErrors()));
        return result;
    }

    private Uni<String> deviceGlobal(JsonNode device, String caller) {
        if (device == null || device.isNull()) {
            return Uni.createFrom().item("{\"id\":null,\"name\":null,\"network\":null,\"connector\":null,\"tags\":[],\"params\":[]}");
        }
        if (device.isObject()) {
            ObjectNode global = json.createObjectNode();
            global.set("id", device.path("id").isMissingNode() ? json.nullNode() : device.get("id"));
            global.set("name", device.path("name").isMissingNode() ? json.nullNode() : device.get("name"));
            global.set("network", device.path("network").isMissingNode() ? json.nullNode() : device.get("network"));
            global.set("connector", device.path("connector").isMissingNode() ? json.nullNode() : device.get("connector"));
            global.set("tags", device.path("tags").isArray() ? device.get("tags") : json.createArrayNode());
            global.set("params", device.path("params").isArray() ? device.get("params") : json.createArrayNode());
            return Uni.createFrom().item(global.toString());
        }
        String id = device.asText();
        return registry.device(id).map(found -> found.filter(d -> d.profile().equals(caller))
                .orElseThrow(() -> new ResourceNotFoundException("device " + id + " was not found")).globalJson());
    }

    /** 404 unless the caller may see the entity (network-service's sharing rules: its own, shared with it, or public). */
    private Uni<Void> visible(String kind, String id, String caller) {
        return registry.requireVisible(kind, id, caller).onFailure(ResourceNotFoundException.class)
                .transform(hidden -> new ResourceNotFoundException(kind + " " + id + " was not found"));
    }

    private JsonNode readOrNull(String text) {
        if (text == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static void checkId(FieldErrors errors, String field, String id) {
        if (id != null && !IdFormat.isId(id)) {
            errors.add(field, IdFormat.notAnId(id));
        }
    }

    private static <T> Uni<Optional<T>> none() {
        return Uni.createFrom().item(Optional.empty());
    }
}
