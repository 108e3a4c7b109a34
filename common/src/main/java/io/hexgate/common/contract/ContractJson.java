package io.hexgate.common.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of the topic records (docs/kafka-contract.md): snake_case names, instants as ISO-8601, unknown
 * fields ignored (a newer producer may add some). Independent of any service's own ObjectMapper settings, so a
 * change there cannot change the wire.
 */
final class ContractJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ContractJson() {
    }

    static String write(Object record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + record.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }

    /** The value as a JSON object, or why it is none (what a consumer dead-letters it with). */
    static JsonNode object(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("the record has no value");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("the record is not a JSON " + what);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the record is not a JSON " + what);
        }
        return node;
    }

    /** A text field that must be present and not blank. */
    static String required(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("the " + what + " has no " + field);
        }
        return value.asText();
    }

    static String optional(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
