package io.hexgate.ingest.inspector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.contract.DeadLetter;
import io.hexgate.common.contract.InspectorEvent;
import io.hexgate.common.contract.Topics;
import io.hexgate.common.kafka.AcknowledgedProducer;
import io.hexgate.common.logging.OutageLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Reads {@code hexgate.device.inspector} into the inspector's history (docs/inspector.md): every event of an uplink
 * whose device is known to that device's stream, every event of a network-level uplink to its network's stream of
 * the uplink's profile too. A record that is not an inspector event goes to {@code hexgate.inspector.dlq} with the
 * reason, and the batch goes on. While Redis is away the batch is retried with backoff, its offsets uncommitted:
 * nothing is lost while the topic keeps it (hours), and ingestion does not wait for any of it.
 */
@ApplicationScoped
public class InspectorConsumer {

    private static final Logger LOG = Logger.getLogger(InspectorConsumer.class);
    private static final OutageLog REDIS_AWAY = new OutageLog("the inspector's history could not be written to Redis, "
            + "retrying", TimeUnit.SECONDS.toNanos(10), LOG::warn, System::nanoTime);

    @Inject
    InspectorHistory history;

    @Inject
    Topics topics;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private AcknowledgedProducer deadLetters;
    private Counter kept;
    private Counter refused;

    @PostConstruct
    void start() {
        deadLetters = AcknowledgedProducer.create(bootstrap, "ingest-service-inspector-dlq", Map.of());
        kept = Counter.builder("hexgate_inspector_entries_total").description("Inspector entries added to a history")
                .register(metrics);
        refused = Counter.builder("hexgate_inspector_dead_letters_total")
                .description("Inspector records that were no inspector event, sent to hexgate.inspector.dlq").register(metrics);
    }

    @PreDestroy
    void stop() {
        deadLetters.close();
    }

    @Incoming("inspector")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<InspectorHistory.Append> entries = new ArrayList<>(batch.getRecords().size());
        List<CompletableFuture<Void>> refusedRecords = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            InspectorEvent event;
            try {
                event = InspectorEvent.fromJson(record.getPayload());
            } catch (IllegalArgumentException e) {
                refusedRecords.add(deadLetter(record, e.getMessage()));
                continue;
            }
            String entry = InspectorEntry.of(event, json).toString();
            if (event.device() != null) {
                entries.add(new InspectorHistory.Append(history.deviceKey(event.device()), entry));
            }
            if (event.networkLevel() && event.profile() != null && event.network() != null) {
                entries.add(new InspectorHistory.Append(history.networkKey(event.network(), event.profile()), entry));
            }
        }
        Uni<Void> written = history.append(entries)
                .onFailure().invoke(REDIS_AWAY::failed)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .invoke(() -> kept.increment(entries.size()));
        Uni<Void> handled = refusedRecords.isEmpty() ? written
                : written.chain(() -> Uni.createFrom().completionStage(
                        CompletableFuture.allOf(refusedRecords.toArray(CompletableFuture[]::new))))
                        .invoke(() -> refused.increment(refusedRecords.size())).replaceWithVoid();
        // a batch received as a Message is acknowledged by hand: unacknowledged, its offsets were never committed and
        // the throttled commit strategy failed the channel after 60 s — the history stopped growing, silently
        return handled.chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> record, String reason) {
        LOG.warnf("an inspector record of %s partition %d is no inspector event (%s): sent to %s", record.getTopic(),
                record.getPartition(), reason, topics.inspectorDlq());
        return deadLetters.send(new ProducerRecord<>(topics.inspectorDlq().toString(), record.getKey(),
                new DeadLetter(record.getPayload(), reason).toJson()));
    }
}
