package io.hexgate.network.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox to {@code hexgate.registry.changes}, oldest first, and deletes what Kafka acknowledged —
 * in one transaction holding the rows ({@code FOR UPDATE SKIP LOCKED}, so replicas never publish the same row at
 * once). A crash after publishing and before the delete publishes again: consumers see a version twice, never
 * miss one.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    OutboxConfig config;

    @Inject
    @Channel("registry-changes")
    MutinyEmitter<String> changes;

    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        running = true;
        schedule(config.pollInterval().toMillis());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void schedule(long delayMillis) {
        if (running) {
            vertx.setTimer(Math.max(1, delayMillis), id -> relayBatch().subscribe().with(
                    published -> schedule(published == config.batchSize() ? 1 : config.pollInterval().toMillis()),
                    failure -> {
                        LOG.warnf("outbox relay failed, retrying: %s", failure.getMessage());
                        schedule(Math.max(1000, config.pollInterval().toMillis()));
                    }));
        }
    }

    /** Publishes one batch; the number published. */
    public Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT id, entity_id, payload FROM registry.outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        String key = row.getString("entity_id").strip();
                        String payload = row.getString("payload");
                        chain = chain.flatMap(ignored -> changes.sendMessage(KafkaRecord.of(key, payload)));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return chain.flatMap(ignored -> connection
                                    .preparedQuery("DELETE FROM registry.outbox WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .map(deleted -> ids.size());
                }));
    }
}
