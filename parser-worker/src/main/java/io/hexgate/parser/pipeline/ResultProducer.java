package io.hexgate.parser.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pipeline's one Kafka producer, for {@code hexgate.device.data}, {@code hexgate.device.inspector} and
 * {@code hexgate.uplink.dlq} (idempotent, {@code acks=all}). The plain client rather than a messaging emitter:
 * a batch publishes hundreds of records at once, and per-record message wrapping and context propagation were
 * the largest cost of the pipeline's event loop in a profile (docs/parser.md).
 */
@ApplicationScoped
public class ResultProducer {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "hexgate.topics.device-data")
    String deviceDataTopic;

    @ConfigProperty(name = "hexgate.topics.device-inspector")
    String inspectorTopic;

    @ConfigProperty(name = "hexgate.topics.uplink-dlq")
    String deadLetterTopic;

    private KafkaProducer<String, String> producer;

    @PostConstruct
    void connect() {
        // Constructing the client does not contact the broker: a Kafka outage shows when records are sent.
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "parser-worker-results",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer());
    }

    /** Completes when the broker acknowledged the record. */
    public CompletableFuture<Void> deviceData(String key, String value) {
        return send(deviceDataTopic, key, value, null, null);
    }

    /** Completes when the broker acknowledged the record; {@code headers} are the input record's. */
    public CompletableFuture<Void> deadLetter(String key, String value, Iterable<Header> headers, String reason) {
        return send(deadLetterTopic, key, value, headers, reason);
    }

    /** Fire and forget: the inspector is a live view, and its records are kept for hours only. */
    public void inspector(String key, String value) {
        send(inspectorTopic, key, value, null, null);
    }

    private CompletableFuture<Void> send(String topic, String key, String value, Iterable<Header> headers, String reason) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        if (headers != null) {
            headers.forEach(header -> record.headers().add(header.key(), header.value()));
        }
        if (reason != null) {
            record.headers().add("hexgate-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        }
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

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
