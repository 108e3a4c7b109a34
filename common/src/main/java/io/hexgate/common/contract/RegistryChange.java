package io.hexgate.common.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value of a {@code hexgate.registry.changes} record (SPEC §5), written by network-service (through its
 * outbox) and read by token-service's mirror and parser-worker's cache: a network, connector or device
 * ({@code type}) created or changed ({@code op} upsert, with the {@code entity} as consumers see it) or deleted
 * ({@code op} delete, no entity), its {@code version} growing by one per change.
 */
public record RegistryChange(String type, String op, String id, String profile, long version, JsonNode entity) {

    public static final String NETWORK = "network";
    public static final String CONNECTOR = "connector";
    public static final String DEVICE = "device";
    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";

    private static final String WHAT = "registry change";

    /** The record's value as the topic carries it. */
    public String toJson() {
        return ContractJson.write(this);
    }

    /** {@code type:op}, e.g. {@code device:delete}. */
    public String kind() {
        return type + ":" + op;
    }

    /**
     * Reads a record's value.
     *
     * @throws IllegalArgumentException saying what is wrong with it: such a record is dead-lettered
     */
    public static RegistryChange fromJson(String value) {
        JsonNode node = ContractJson.object(value, WHAT);
        String type = ContractJson.required(node, "type", WHAT);
        String op = ContractJson.required(node, "op", WHAT);
        String id = ContractJson.required(node, "id", WHAT);
        if (!node.path("version").canConvertToExactIntegral()) {
            throw new IllegalArgumentException("the " + WHAT + " has no integral version");
        }
        JsonNode entity = node.get("entity");
        if (UPSERT.equals(op) && (entity == null || !entity.isObject())) {
            throw new IllegalArgumentException("the " + WHAT + " upserts " + type + " " + id + " without an entity");
        }
        return new RegistryChange(type, op, id, ContractJson.optional(node, "profile"), node.path("version").asLong(),
                entity == null || entity.isNull() ? null : entity);
    }
}
