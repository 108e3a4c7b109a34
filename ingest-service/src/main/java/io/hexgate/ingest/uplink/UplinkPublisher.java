package io.hexgate.ingest.uplink;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.DependencyUnavailableException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Publishes an uplink to {@code hexgate.uplink.raw} and completes only when the broker acknowledged it
 * (idempotent producer, {@code acks=all}); a broker that does not acknowledge within the delivery timeout
 * fails the request with 503 — and the producer gives the record up, so it never appears later.
 */
@ApplicationScoped
public class UplinkPublisher {

    @Inject
    @Channel("uplink-raw")
    MutinyEmitter<String> records;

    @Inject
    ObjectMapper json;

    public Uni<Void> publish(String key, Uplink uplink, String traceparent) {
        String value;
        try {
            value = json.writeValueAsString(uplink);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        KafkaRecord<String, String> record = KafkaRecord.of(key, value)
                .withHeader("content-type", bytes(uplink.contentType()))
                .withHeader("hexgate-uplink-id", bytes(uplink.id()))
                .withHeader("hexgate-device-id", bytes(uplink.device() == null ? "" : uplink.device()))
                .withHeader("traceparent", bytes(traceparent));
        return records.sendMessage(record).onFailure().transform(failure -> new DependencyUnavailableException(
                "Kafka did not acknowledge the data, so nothing was accepted; retry (" + failure.getMessage() + ")", failure));
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
