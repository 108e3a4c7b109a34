package io.hexgate.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka producer of string records (idempotent, {@code acks=all}) whose sends complete when the broker
 * acknowledged the record. Used on the hot paths (ingest-service's uplinks, parser-worker's results) rather than
 * a messaging emitter: per-record message wrapping, context propagation and a hand-over to a sending thread per
 * record were the largest costs of those paths in profiles (docs/benchmarks.md).
 */
public final class AcknowledgedProducer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    private AcknowledgedProducer(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    /**
     * A producer for {@code bootstrap}; {@code settings} add to or replace the defaults (idempotent, all
     * acknowledgements). Constructing it does not contact the broker: an outage shows when records are sent.
     */
    public static AcknowledgedProducer create(String bootstrap, String clientId, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(settings);
        return new AcknowledgedProducer(new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()));
    }

    /**
     * Completes when the broker acknowledged the record, exceptionally when it did not within the delivery
     * timeout (or the record could not be queued). Does not block once the topic's metadata is known
     * ({@link #awaitMetadata}); until then it may wait up to {@code max.block.ms} for it.
     */
    public CompletableFuture<Void> send(ProducerRecord<String, String> record) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    acknowledged.completeExceptionally(failure);
                } else {
                    acknowledged.complete(null);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    /**
     * Blocks until the broker told the topic's partitions (at most {@code max.block.ms}); throws if it did not. With
     * {@code max.block.ms} 0 it asks for them and throws at once until they came.
     */
    public void awaitMetadata(String topic) {
        producer.partitionsFor(topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
