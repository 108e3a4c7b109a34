package io.hexgate.parser.pipeline;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A record of {@code hexgate.uplink.raw} as ingest-service writes it (SPEC §5): {@code device} is absent for
 * network-level uplinks, whose device the network parser's {@code serial} names. {@code idempotent} marks an
 * uplink posted with an Idempotency-Key: its id is the key's, and a second uplink of that id stores nothing.
 */
public record UplinkEnvelope(String id, Instant receivedAt, String device, String network, String profile,
                             String contentType, boolean networkLevel, String body, boolean idempotent) {

    /**
     * Reads a record's value.
     *
     * @throws IllegalArgumentException saying what is wrong with it: such a record goes to the DLQ
     */
    public static UplinkEnvelope parse(ObjectMapper json, String value) {
        if (value == null) {
            throw new IllegalArgumentException("the record has no value");
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("the record is not a JSON uplink envelope");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the record is not a JSON uplink envelope");
        }
        String id = required(node, "id");
        String network = required(node, "network");
        String profile = required(node, "profile");
        boolean networkLevel = node.path("network_level").asBoolean(false);
        String device = node.hasNonNull("device") ? node.get("device").asText() : null;
        if (device == null && !networkLevel) {
            throw new IllegalArgumentException("the envelope has no device and is not a network-level uplink");
        }
        if (!node.hasNonNull("body") || !node.get("body").isTextual()) {
            throw new IllegalArgumentException("the envelope has no body");
        }
        Instant receivedAt;
        try {
            receivedAt = Instant.parse(required(node, "received_at"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("received_at is not an ISO-8601 instant");
        }
        return new UplinkEnvelope(id, receivedAt, device, network, profile, node.path("content_type").asText(""),
                networkLevel, node.get("body").asText(), node.path("idempotent").asBoolean(false));
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("the envelope has no " + field);
        }
        return value.asText();
    }
}
