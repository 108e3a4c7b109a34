package io.hexgate.common.contract;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value of a {@code hexgate.device.data} record (SPEC §5), written by parser-worker once an uplink's points are
 * stored: whose they are, and {@code data}, the stored points as {@code GET /data} shows them (each with
 * {@code device} and {@code created_at}). {@code data} is held as the JSON array its writer streamed the points into
 * — a tree per point was a tenth of parser-worker's event loop — and goes on the wire as that array, unquoted.
 */
public record DeviceData(String uplinkId, String device, String network, String connector, String profile,
                         @JsonRawValue String data) {

    private static final String WHAT = "device data record";

    public DeviceData {
        if (data == null || data.isEmpty() || data.charAt(0) != '[') {
            throw new IllegalArgumentException("the " + WHAT + "'s data must be a JSON array of points");
        }
    }

    /** The record's value as the topic carries it. */
    public String toJson() {
        return ContractJson.write(this);
    }

    /** The stored points, parsed. */
    public JsonNode points() {
        try {
            return ContractJson.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the " + WHAT + "'s data is not JSON");
        }
    }

    /**
     * Reads a record's value.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DeviceData fromJson(String value) {
        JsonNode node = ContractJson.object(value, WHAT);
        JsonNode data = node.get("data");
        if (data == null || !data.isArray()) {
            throw new IllegalArgumentException("the " + WHAT + " has no data array");
        }
        return new DeviceData(ContractJson.required(node, "uplink_id", WHAT), ContractJson.required(node, "device", WHAT),
                ContractJson.required(node, "network", WHAT), ContractJson.optional(node, "connector"),
                ContractJson.required(node, "profile", WHAT), data.toString());
    }
}
