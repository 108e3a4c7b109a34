package io.hexgate.network.outbox;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.contract.RegistryChange;
import io.smallrye.mutiny.Uni;

/**
 * Records a change of a network, connector or device for {@code hexgate.registry.changes} (SPEC §5) in the
 * caller's transaction: it commits with the change or not at all, and {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class RegistryChanges {

    public static final String UPSERT = RegistryChange.UPSERT;
    public static final String DELETE = RegistryChange.DELETE;

    @Inject
    ObjectMapper json;

    /**
     * @param entity the entity as consumers see it (its full JSON, parsers and params included); null on delete
     */
    public Uni<Void> record(String type, String op, String id, String profile, long version, Map<String, Object> entity) {
        OutboxEvent event = new OutboxEvent();
        event.entityId = id;
        event.createdAt = OffsetDateTime.now();
        event.payload = change(type, op, id, profile, version, entity).toJson();
        return event.persist().replaceWithVoid();
    }

    /** The change as the topic carries it: the entity as the API writes it, the envelope as the contract does. */
    public RegistryChange change(String type, String op, String id, String profile, long version, Map<String, Object> entity) {
        return new RegistryChange(type, op, id, profile, version, entity == null ? null : json.valueToTree(entity));
    }
}
