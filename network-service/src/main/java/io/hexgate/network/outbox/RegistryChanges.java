package io.hexgate.network.outbox;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Records a change of a network, connector or device for {@code hexgate.registry.changes} (SPEC §5) in the
 * caller's transaction: it commits with the change or not at all, and {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class RegistryChanges {

    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";

    @Inject
    ObjectMapper json;

    /**
     * @param entity the entity as consumers see it (its full JSON, parsers and params included); null on delete
     */
    public Uni<Void> record(String type, String op, String id, String profile, long version, Map<String, Object> entity) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", type);
        value.put("op", op);
        value.put("id", id);
        value.put("profile", profile);
        value.put("version", version);
        value.put("entity", entity);
        OutboxEvent event = new OutboxEvent();
        event.entityId = id;
        event.createdAt = OffsetDateTime.now();
        try {
            event.payload = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise the change of " + id, e));
        }
        return event.persist().replaceWithVoid();
    }
}
