package io.hexgate.parser.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.util.RawValue;

import io.hexgate.common.contract.InspectorEvent;
import io.hexgate.common.contract.RawUplink;
import io.hexgate.common.contract.UplinkRequest;
import io.hexgate.parser.runtime.ParseOutcome;
import io.hexgate.parser.runtime.StageResult;

/**
 * The events of a full trace (docs/inspector.md): the HTTP request with the raw payload, then each stage's output
 * and time. Built only for a watched device's or network's uplink; an unwatched one keeps what
 * {@link #keptUnwatched} says.
 */
public final class InspectorTrace {

    /** The most of a raw payload the request event shows (the body is up to 200 kB). */
    static final int MAX_BODY = 4096;

    private InspectorTrace() {
    }

    /** Whether an event is kept for an uplink nobody watches: failures, warnings, and the one summary line. */
    public static boolean keptUnwatched(InspectorEvent event) {
        String level = event.level();
        return "error".equals(level) || "warn".equals(level) || switch (event.stage()) {
            case "stored", "dlq", "duplicate" -> true;
            default -> false;
        };
    }

    /** The request event: how the uplink came (method, path, sender, user agent, the token's end) and its payload. */
    public static InspectorEvent request(RawUplink uplink, String device) {
        UplinkRequest request = uplink.request();
        Map<String, Object> shown = new LinkedHashMap<>();
        StringBuilder message = new StringBuilder();
        if (request != null) {
            shown.put("method", request.method());
            shown.put("path", request.path());
            shown.put("source", request.source());
            shown.put("user_agent", request.userAgent());
            shown.put("token_end", request.tokenEnd());
            message.append(request.method()).append(' ').append(request.path());
            if (request.source() != null) {
                message.append(" from ").append(request.source());
            }
            if (request.userAgent() != null) {
                message.append(" (").append(request.userAgent()).append(')');
            }
            if (request.tokenEnd() != null) {
                message.append(", token ").append(request.tokenEnd());
            }
            message.append(": ");
        }
        String body = uplink.body();
        shown.put("content_type", uplink.contentType());
        shown.put("bytes", body.length());
        shown.put("body", body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + "…");
        message.append(body.length()).append(body.length() == 1 ? " character of " : " characters of ")
                .append(uplink.contentType());
        return InspectorEvent.of(device, uplink.network(), uplink.id(), "request", "info", message.toString(), shown);
    }

    /**
     * One event per stage that ran through: its output (when the run kept it) and its time. A stage that failed has
     * the failure's own event (every uplink gets that one, watched or not).
     */
    public static List<InspectorEvent> stages(RawUplink uplink, String device, ParseOutcome outcome) {
        List<InspectorEvent> events = new ArrayList<>(outcome.stages().size());
        for (StageResult result : outcome.stages()) {
            if (result.error() != null) {
                continue;
            }
            String label = result.stage().label();
            String message = label + " parser" + (result.ownerId() == null ? "" : " of " + result.ownerId()) + " ran";
            events.add(InspectorEvent.of(device, uplink.network(), uplink.id(), label, "info", message,
                    result.outputJson() == null ? null : new RawValue(result.outputJson()))
                    .took(result.durationMicros() / 1000.0));
        }
        return events;
    }

    /** The stages' time in milliseconds. */
    public static double took(ParseOutcome outcome) {
        long micros = 0;
        for (StageResult result : outcome.stages()) {
            micros += result.durationMicros();
        }
        return micros / 1000.0;
    }
}
