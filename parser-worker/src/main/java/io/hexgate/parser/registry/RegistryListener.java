package io.hexgate.parser.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps {@link RegistryCache} current from {@code hexgate.registry.changes}. Every replica reads every change
 * (its own consumer group, from the latest offset: what happened before it started is read from the
 * database on demand).
 */
@ApplicationScoped
public class RegistryListener {

    private static final Logger LOG = Logger.getLogger(RegistryListener.class);

    @Inject
    RegistryCache cache;

    @Inject
    ObjectMapper json;

    @Incoming("registry-changes")
    public void apply(String value) {
        if (value == null) {
            return;
        }
        JsonNode change;
        try {
            change = json.readTree(value);
        } catch (Exception e) {
            LOG.warnf("ignoring a registry change that is not JSON: %s", e.getMessage());
            return;
        }
        String type = change.path("type").asText();
        String id = change.path("id").asText();
        if ("delete".equals(change.path("op").asText()) || !change.path("entity").isObject()) {
            cache.delete(type, id);
            return;
        }
        try {
            cache.upsert(type, change.get("entity"), change.path("version").asLong());
        } catch (RuntimeException e) {
            // A change this cache cannot take must not stop the channel: forget the entry, so the next read of it
            // goes to the registry's tables.
            LOG.warnf("forgetting %s %s: its registry change cannot be cached (%s)", type, id, e.getMessage());
            cache.delete(type, id);
        }
    }
}
