package io.hexgate.common.contract;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value of a {@code hexgate.device.inspector} record (SPEC §5, docs/inspector.md), written by parser-worker and
 * read by ingest-service into each device's inspector history: the HTTP request and raw payload, a stage's result,
 * a console line, a failure, what was stored, or why an uplink could not be handled. {@code device} is null for
 * events of a network-level uplink whose device is unknown; {@code network} says where to look then, and
 * {@code network_level} puts every event of a network-level uplink on the network's inspector of {@code profile}
 * too. {@code payload} is any JSON value (a stage's output, the stored points, the request); {@code duration_ms}
 * is a stage's or a run's time.
 */
public record InspectorEvent(String time, String device, String network, String profile, boolean networkLevel,
                             String uplinkId, String stage, String level, String message,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Object payload,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Double durationMs) {

    private static final String WHAT = "inspector event";

    /** An event of now, of an uplink whose profile and kind {@link #of(RawUplink, String)} adds. */
    public static InspectorEvent of(String device, String network, String uplinkId, String stage, String level, String message,
                                    Object payload) {
        return new InspectorEvent(Instant.now().toString(), device, network, null, false, uplinkId, stage, level, message,
                payload, null);
    }

    /** This event with a duration. */
    public InspectorEvent took(double milliseconds) {
        return new InspectorEvent(time, device, network, profile, networkLevel, uplinkId, stage, level, message, payload,
                milliseconds);
    }

    /**
     * This event as one of {@code uplink}, of {@code device} when it names none (the network stage of a network-level
     * uplink ran before its device was known): its profile, and whether it was network-level.
     */
    public InspectorEvent of(RawUplink uplink, String device) {
        return new InspectorEvent(time, this.device != null ? this.device : device, network, uplink.profile(),
                uplink.networkLevel(), uplinkId, stage, level, message, payload, durationMs);
    }

    /** This event with {@code payload}. */
    public InspectorEvent with(Object payload) {
        return new InspectorEvent(time, device, network, profile, networkLevel, uplinkId, stage, level, message, payload,
                durationMs);
    }

    /** The record's value as the topic carries it. */
    public String toJson() {
        return ContractJson.write(this);
    }

    /**
     * Reads a record's value ({@code payload} as a JSON tree).
     *
     * @throws IllegalArgumentException saying what is wrong with it: such a record is dead-lettered
     */
    public static InspectorEvent fromJson(String value) {
        JsonNode node = ContractJson.object(value, WHAT);
        String time = ContractJson.required(node, "time", WHAT);
        try {
            Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the " + WHAT + "'s time is not an ISO-8601 instant");
        }
        String device = ContractJson.optional(node, "device");
        String network = ContractJson.optional(node, "network");
        if (device == null && network == null) {
            throw new IllegalArgumentException("the " + WHAT + " names neither a device nor a network");
        }
        JsonNode duration = node.get("duration_ms");
        return new InspectorEvent(time, device, network, ContractJson.optional(node, "profile"),
                node.path("network_level").asBoolean(false), ContractJson.required(node, "uplink_id", WHAT),
                ContractJson.required(node, "stage", WHAT), ContractJson.required(node, "level", WHAT),
                node.path("message").asText(""), node.hasNonNull("payload") ? node.get("payload") : null,
                duration != null && duration.isNumber() ? duration.asDouble() : null);
    }
}
