package io.hexgate.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The value of a {@code hexgate.uplink.dlq} record (SPEC §5): an input record parser-worker could not handle at all
 * ({@code record}, its value as it came) and why ({@code reason}). On the wire an input that is a JSON object is
 * that object with {@code reason} added, so a consumer finds the uplink's own fields where they always are; any
 * other input is {@code {"record": "<the value as text>", "reason": …}}. (An input object whose one field is a
 * text {@code record} therefore reads back as that text.)
 */
public record DeadLetter(String record, String reason) {

    private static final String WHAT = "dead letter";

    public DeadLetter {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a " + WHAT + " needs its reason");
        }
    }

    /** The record's value as the topic carries it. */
    public String toJson() {
        ObjectNode value = null;
        if (record != null) {
            try {
                JsonNode input = ContractJson.MAPPER.readTree(record);
                if (input != null && input.isObject()) {
                    value = (ObjectNode) input;
                }
            } catch (Exception notJson) {
                // kept as text below
            }
        }
        if (value == null) {
            value = ContractJson.MAPPER.createObjectNode().put("record", record);
        }
        value.put("reason", reason);
        return ContractJson.write(value);
    }

    /**
     * Reads a record's value.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DeadLetter fromJson(String value) {
        JsonNode node = ContractJson.object(value, WHAT);
        String reason = ContractJson.required(node, "reason", WHAT);
        ObjectNode input = ((ObjectNode) node).deepCopy();
        input.remove("reason");
        if (input.size() == 1 && input.has("record") && (input.get("record").isTextual() || input.get("record").isNull())) {
            return new DeadLetter(ContractJson.optional(input, "record"), reason);
        }
        return new DeadLetter(ContractJson.write(input), reason);
    }
}
