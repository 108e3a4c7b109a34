package io.hexgate.ingest.inspector;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hexgate.common.contract.InspectorEvent;

/**
 * An inspector event as the history keeps it and the live stream sends it (docs/inspector.md): TagoCore's live
 * inspector message — {@code connection_id} (the uplink id: every entry of one request shares it),
 * {@code content}, {@code device_id}, {@code timestamp}, {@code title} — plus {@code stage}, {@code level},
 * {@code duration_ms}, {@code message} and {@code network_id}. {@code content} is the event's JSON payload when it
 * has one (a stage's output, the stored points, the request), its message otherwise.
 */
final class InspectorEntry {

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("request", "HTTP request"),
            Map.entry("network", "Network parser"),
            Map.entry("connector", "Connector parser"),
            Map.entry("device", "Device parser"),
            Map.entry("console", "Console"),
            Map.entry("stored", "Stored data"),
            Map.entry("dlq", "Dead-lettered"),
            Map.entry("duplicate", "Duplicate"));

    private InspectorEntry() {
    }

    static ObjectNode of(InspectorEvent event, ObjectMapper json) {
        ObjectNode entry = json.createObjectNode();
        entry.put("connection_id", event.uplinkId());
        entry.put("device_id", event.device());
        entry.put("network_id", event.network());
        entry.put("timestamp", event.time());
        entry.put("title", title(event));
        if (event.payload() instanceof JsonNode payload) {
            entry.set("content", payload);
        } else {
            entry.put("content", event.message());
        }
        entry.put("message", event.message());
        entry.put("stage", event.stage());
        entry.put("level", event.level());
        if (event.durationMs() != null) {
            entry.put("duration_ms", event.durationMs());
        }
        return entry;
    }

    private static String title(InspectorEvent event) {
        String title = TITLES.get(event.stage());
        if ("console".equals(event.stage())) {
            return "Console " + event.level();
        }
        if ("error".equals(event.level()) && !"dlq".equals(event.stage())) {
            return "Error in " + (title == null ? event.stage() : title.toLowerCase(Locale.ROOT));
        }
        return title == null ? event.stage() : title;
    }
}
