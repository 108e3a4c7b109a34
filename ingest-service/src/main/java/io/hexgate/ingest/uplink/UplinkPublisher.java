package io.hexgate.ingest.uplink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;


import io.hexgate.common.contract.RawUplink;
import io.hexgate.common.contract.Topics;
import io.hexgate.common.api.DependencyUnavailableException;
import io.hexgate.common.kafka.AcknowledgedProducer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes an uplink to {@code hexgate.uplink.raw} and completes only when the broker acknowledged it
 * (idempotent producer, {@code acks=all}); a broker that does not acknowledge within the delivery timeout (5 s)
 * fails the request with 503 — and the producer gives the record up, so it never appears later.
 *
 * <p>The send happens on the request's event loop and never blocks it: the topic's metadata is fetched once at
 * start on a thread of its own (until it is known, requests answer 503), and the producer keeps it however long
 * the topic is idle. The answer is resumed on the request's event loop, not on the producer's I/O thread.
 */
@Singleton
@Startup
public class UplinkPublisher {

    private static final Logger LOG = Logger.getLogger(UplinkPublisher.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Topics topics;

    private AcknowledgedProducer producer;
    private volatile boolean topicKnown;
    private volatile boolean closing;

    @PostConstruct
    void connect() {
        producer = AcknowledgedProducer.create(bootstrap, "ingest-service-uplinks", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000,
                // A send never waits: it runs on the event loop. While the broker is away the producer forgets the
                // topic's leaders, and a send that waits for them (up to max.block.ms) holds every request of that
                // event loop behind it — 1 s each stalled 3,010 requests for over 15 s (issue 16). With 0 it fails
                // at once (missing metadata, a full buffer) and the device gets its 503 + Retry-After.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 0,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
                ProducerConfig.METADATA_MAX_IDLE_CONFIG, Duration.ofDays(7).toMillis()));
        Thread.ofVirtual().name("uplink-topic-metadata").start(this::learnTopic);
    }

    private void learnTopic() {
        boolean warned = false;
        long since = System.nanoTime();
        while (!closing) {
            try {
                // asks for the metadata and answers at once (max.block.ms 0): the first tries fail while it comes
                producer.awaitMetadata(topics.uplinkRaw().value());
                topicKnown = true;
                if (warned) {
                    LOG.infof("Kafka answered: %s is known, uplinks are accepted", topics.uplinkRaw());
                }
                return;
            } catch (RuntimeException e) {
                if (!warned && System.nanoTime() - since > Duration.ofSeconds(5).toNanos()) {
                    LOG.warnf("Kafka does not tell the partitions of %s yet (%s): POST /data answers 503 until it does",
                            topics.uplinkRaw(), e.getMessage());
                    warned = true;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    public Uni<Void> publish(String key, RawUplink uplink, String traceparent) {
        if (!topicKnown) {
            return Uni.createFrom().failure(new DependencyUnavailableException(
                    "Kafka has not answered since ingest-service started, so nothing was accepted; retry", null));
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topics.uplinkRaw().value(), key, uplink.toJson());
        record.headers().add("content-type", bytes(uplink.contentType()))
                .add("hexgate-uplink-id", bytes(uplink.id()))
                .add("hexgate-device-id", bytes(uplink.device()))
                .add("traceparent", bytes(traceparent));
        Uni<Void> acknowledged = Uni.createFrom().completionStage(() -> producer.send(record));
        Context context = Vertx.currentContext();
        if (context != null) {
            acknowledged = acknowledged.emitOn(command -> context.runOnContext(ignored -> command.run()));
        }
        return acknowledged.onFailure().transform(failure -> new DependencyUnavailableException(
                "Kafka did not acknowledge the data, so nothing was accepted; retry (" + failure.getMessage() + ")", failure));
    }

    @PreDestroy
    void close() {
        closing = true;
        producer.close();
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
