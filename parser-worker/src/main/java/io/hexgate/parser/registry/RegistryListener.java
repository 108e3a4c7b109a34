package io.hexgate.parser.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.hexgate.common.contract.RegistryChange;

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

    @Incoming("registry-changes")
    public void apply(String value) {
        if (value == null) {
            return;
        }
        RegistryChange change;
        try {
            change = RegistryChange.fromJson(value);
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("ignoring a registry change that cannot be read: %s", unreadable.getMessage());
            return;
        }
        String type = change.type();
        String id = change.id();
        if (RegistryChange.DELETE.equals(change.op())) {
            cache.delete(type, id);
            return;
        }
        try {
            cache.upsert(type, change.entity(), change.version());
        } catch (RuntimeException e) {
            // A change this cache cannot take must not stop the channel: forget the entry, so the next read of it
            // goes to the registry's tables.
            LOG.warnf("forgetting %s %s: its registry change cannot be cached (%s)", type, id, e.getMessage());
            cache.delete(type, id);
        }
    }
}
