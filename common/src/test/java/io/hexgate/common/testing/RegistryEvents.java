package io.hexgate.common.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.contract.RegistryChange;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes registry changes to the run's {@code hexgate.registry.changes} topic as network-service's outbox relay
 * does (the contract's {@link RegistryChange}), and waits until token-service has applied them.
 */
public final class RegistryEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Pool database;
    private final Map<String, Long> versions = new HashMap<>();

    public RegistryEvents(Pool database) {
        this.database = database;
        this.topic = ConfigProvider.getConfig().getValue("hexgate.topics.registry-changes", String.class);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    public static String id() {
        return "%024x".formatted(new java.math.BigInteger(96, new java.security.SecureRandom()));
    }

    /** A network owned by {@code owner} with a serial mask; returns its id once token-service knows it. */
    public String network(String owner, String mask, String serialCase) {
        String id = id();
        upsertNetwork(id, owner, mask, serialCase);
        return id;
    }

    public void upsertNetwork(String id, String owner, String mask, String serialCase) {
        Map<String, Object> entity = Map.of("id", id, "profile", ProfileTokens.profileId(owner),
                "serial_number", Map.of("mask", mask, "case", serialCase, "required", false));
        long version = send("network", "upsert", id, ProfileTokens.profileId(owner), entity);
        awaitRow("SELECT version FROM tokens.registry_networks WHERE id = $1", id, version);
    }

    /** A device with a (normalised) serial; returns its id once token-service knows it. */
    public String device(String owner, String network, String serial) {
        String id = id();
        upsertDevice(id, owner, network, serial, true);
        return id;
    }

    public void upsertDevice(String id, String owner, String network, String serial, boolean active) {
        Map<String, Object> entity = new HashMap<>(Map.of("id", id, "profile", ProfileTokens.profileId(owner),
                "network", network, "connector", id(), "active", active));
        entity.put("serie_number", serial);
        long version = send("device", "upsert", id, ProfileTokens.profileId(owner), entity);
        awaitRow("SELECT version FROM tokens.registry_devices WHERE id = $1", id, version);
    }

    public void deleteDevice(String id, String owner) {
        send("device", "delete", id, ProfileTokens.profileId(owner), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> database.preparedQuery("SELECT 1 FROM tokens.registry_devices WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().size() == 0);
    }

    /** Publishes any value under any key, as a hostile or broken producer might. */
    public void sendRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long send(String type, String op, String id, String profile, Map<String, Object> entity) {
        long version = versions.merge(id, 1L, Long::sum);
        RegistryChange change = new RegistryChange(type, op, id, profile, version, entity == null ? null : JSON.valueToTree(entity));
        try {
            producer.send(new ProducerRecord<>(topic, id, change.toJson())).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return version;
    }

    private void awaitRow(String sql, String id, long version) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            var rows = database.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely();
            return rows.size() == 1 && rows.iterator().next().getLong(0) >= version;
        });
    }

    @Override
    public void close() {
        producer.close();
    }
}
