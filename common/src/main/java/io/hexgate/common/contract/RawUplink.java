package io.hexgate.common.contract;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value of a {@code hexgate.uplink.raw} record (SPEC §5), written by ingest-service and read by parser-worker:
 * the body as received, with who sent it. {@code device} is null for a network-level uplink ({@code network_level}),
 * whose device the network parser's serial names; {@code connector} is the device token's (null then too).
 * {@code idempotent} marks an uplink posted with an Idempotency-Key, whose {@code id} derives from the key:
 * parser-worker stores one uplink of such an id. {@code serial} is the serial a network server's webhook URL names
 * ({@code …/uplink/{serial}}, for a network server that leaves the device out of its body): the network parser
 * starts with it as its {@code serial}; absent otherwise. {@code request} is the HTTP request it came in (for the
 * inspector; absent from records of before it, and from uplinks not posted over HTTP).
 */
public record RawUplink(String id, Instant receivedAt, String device, String network, String connector, String profile,
                        String contentType, boolean networkLevel, String body, boolean idempotent,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String serial,
                        @JsonInclude(JsonInclude.Include.NON_NULL) UplinkRequest request) {

    /** An uplink of no known HTTP request. */
    public RawUplink(String id, Instant receivedAt, String device, String network, String connector, String profile,
                     String contentType, boolean networkLevel, String body, boolean idempotent, String serial) {
        this(id, receivedAt, device, network, connector, profile, contentType, networkLevel, body, idempotent, serial, null);
    }

    private static final String WHAT = "uplink envelope";

    /** The record's value as the topic carries it. */
    public String toJson() {
        return ContractJson.write(this);
    }

    /**
     * Reads a record's value.
     *
     * @throws IllegalArgumentException saying what is wrong with it: such a record goes to the DLQ
     */
    public static RawUplink fromJson(String value) {
        JsonNode node = ContractJson.object(value, WHAT);
        String id = ContractJson.required(node, "id", "envelope");
        String network = ContractJson.required(node, "network", "envelope");
        String profile = ContractJson.required(node, "profile", "envelope");
        boolean networkLevel = node.path("network_level").asBoolean(false);
        String device = ContractJson.optional(node, "device");
        if (device == null && !networkLevel) {
            throw new IllegalArgumentException("the envelope has no device and is not a network-level uplink");
        }
        if (!node.hasNonNull("body") || !node.get("body").isTextual()) {
            throw new IllegalArgumentException("the envelope has no body");
        }
        Instant receivedAt;
        try {
            receivedAt = Instant.parse(ContractJson.required(node, "received_at", "envelope"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("received_at is not an ISO-8601 instant");
        }
        return new RawUplink(id, receivedAt, device, network, ContractJson.optional(node, "connector"), profile,
                node.path("content_type").asText(""), networkLevel, node.get("body").asText(),
                node.path("idempotent").asBoolean(false), ContractJson.optional(node, "serial"),
                UplinkRequest.fromJson(node.get("request")));
    }
}
