package io.hexgate.parser.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hexgate.common.contract.TopicName;
import io.hexgate.common.contract.Topics;
import io.hexgate.common.kafka.AcknowledgedProducer;

/**
 * The pipeline's one Kafka producer, for {@code hexgate.device.data}, {@code hexgate.device.inspector} and
 * {@code hexgate.uplink.dlq} (idempotent, {@code acks=all}), through the plain client ({@link AcknowledgedProducer}):
 * a batch publishes hundreds of records at once, and per-record message wrapping and context propagation were
 * the largest cost of the pipeline's event loop in a profile (docs/parser.md).
 */
@ApplicationScoped
public class ResultProducer {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Topics topics;

    private AcknowledgedProducer producer;

    @PostConstruct
    void connect() {
        producer = AcknowledgedProducer.create(bootstrap, "parser-worker-results", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** Completes when the broker acknowledged the record. */
    public CompletableFuture<Void> deviceData(String key, String value) {
        return send(topics.deviceData(), key, value, null, null);
    }

    /** Completes when the broker acknowledged the record; {@code headers} are the input record's. */
    public CompletableFuture<Void> deadLetter(String key, String value, Iterable<Header> headers, String reason) {
        return send(topics.uplinkDlq(), key, value, headers, reason);
    }

    /** Fire and forget: the inspector is a live view, and its records are kept for hours only. */
    public void inspector(String key, String value) {
        send(topics.deviceInspector(), key, value, null, null);
    }

    private CompletableFuture<Void> send(TopicName topic, String key, String value, Iterable<Header> headers, String reason) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic.value(), key, value);
        if (headers != null) {
            headers.forEach(header -> record.headers().add(header.key(), header.value()));
        }
        if (reason != null) {
            record.headers().add("hexgate-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        }
        return producer.send(record);
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
