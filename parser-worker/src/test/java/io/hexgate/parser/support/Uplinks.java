package io.hexgate.parser.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hexgate.common.testing.Infrastructure;

/** Writes {@code hexgate.uplink.raw} records as ingest-service does (SPEC §5), to the real broker. */
public final class Uplinks implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, String> producer;
    private final String topic;

    public Uplinks() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.fromEnvironment().kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        topic = ConfigProvider.getConfig().getValue("hexgate.topics.uplink-raw", String.class);
    }

    /** An envelope of a device-level uplink. */
    public static ObjectNode deviceUplink(String device, String network, String profile, String contentType, String body) {
        ObjectNode value = JSON.createObjectNode();
        value.put("id", UUID.randomUUID().toString());
        value.put("received_at", Instant.now().toString());
        value.put("device", device);
        value.put("network", network);
        value.put("profile", profile);
        value.put("content_type", contentType);
        value.put("network_level", false);
        value.put("body", body);
        return value;
    }

    /** An envelope of a network-level uplink: no device, keyed by the network. */
    public static ObjectNode networkUplink(String network, String profile, String body) {
        ObjectNode value = deviceUplink(null, network, profile, "application/json", body);
        value.putNull("device");
        value.put("network_level", true);
        return value;
    }

    /** Sends the envelope keyed by its device (or network) and waits for the broker's acknowledgement. */
    public void send(ObjectNode envelope) {
        sendRaw(keyOf(envelope), envelope.toString(), envelope.get("id").asText());
    }

    /** Sends the envelopes as one burst (none waits for the one before), then waits until the broker has them all. */
    public void sendAll(java.util.List<ObjectNode> envelopes) {
        java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (ObjectNode envelope : envelopes) {
            sent.add(producer.send(record(keyOf(envelope), envelope.toString(), envelope.get("id").asText())));
        }
        producer.flush();
        try {
            for (java.util.concurrent.Future<?> each : sent) {
                each.get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("could not write the uplink records", e);
        }
    }

    private static String keyOf(ObjectNode envelope) {
        return envelope.hasNonNull("device") ? envelope.get("device").asText() : envelope.get("network").asText();
    }

    private ProducerRecord<String, String> record(String key, String value, String uplinkId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("hexgate-uplink-id", uplinkId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    public void sendRaw(String key, String value, String uplinkId) {
        try {
            producer.send(record(key, value, uplinkId)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not write the uplink record", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
