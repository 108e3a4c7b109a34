package io.hexgate.parser.registry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.hexgate.common.serial.SerialMask;
import io.hexgate.parser.runtime.ParserScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The registry as the pipeline sees it: devices, networks and connectors kept in memory, replaced by the
 * newer version whenever {@code hexgate.registry.changes} says so ({@link RegistryListener}), and read from
 * network-service's schema (read-only) on a miss. Entries also expire after a while, a bound on staleness
 * should an event ever be missed.
 */
@ApplicationScoped
public class RegistryCache {

    private static final Duration TTL = Duration.ofMinutes(10);

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    private final Cache<String, DeviceInfo> devices = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(TTL).build();
    private final Cache<String, NetworkInfo> networks = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();
    private final Cache<String, ConnectorInfo> connectors = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(TTL).build();
    /** network/profile/serial → device id; short-lived, as serials change without the old value in the event. */
    private final Cache<String, String> serials = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofSeconds(30)).build();

    public Uni<Optional<DeviceInfo>> device(String id) {
        return cached(devices, id, () -> database.preparedQuery("""
                SELECT id, profile, name, network_id, connector_id, connector_parse, payload_decoder, active, tags,
                       params, version FROM registry.devices WHERE id = $1""").execute(Tuple.of(id)), this::deviceOf);
    }

    public Uni<Optional<NetworkInfo>> network(String id) {
        return cached(networks, id, () -> database.preparedQuery(
                "SELECT id, profile, payload_decoder, serial_number, version FROM registry.networks WHERE id = $1")
                .execute(Tuple.of(id)), this::networkOf);
    }

    public Uni<Optional<ConnectorInfo>> connector(String id) {
        return cached(connectors, id, () -> database.preparedQuery(
                "SELECT id, payload_decoder, version FROM registry.connectors WHERE id = $1")
                .execute(Tuple.of(id)), row -> new ConnectorInfo(row.getString("id").strip(), row.getLong("version"),
                ParserScript.fromBase64(ParserScript.CONNECTOR, row.getString("id").strip(), row.getString("payload_decoder"))));
    }

    /** The device of a serial a network parser set, in the uplink's profile; the serial normalised by the mask. */
    public Uni<Optional<String>> deviceBySerial(NetworkInfo network, String profile, String serial) {
        String stored = network.mask().normalise(serial);
        String key = network.id() + "/" + profile + "/" + stored;
        String known = serials.getIfPresent(key);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return database.preparedQuery(
                "SELECT id FROM registry.devices WHERE network_id = $1 AND profile = $2 AND serie_number = $3")
                .execute(Tuple.of(network.id(), profile, stored))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.<String>empty();
                    }
                    String id = rows.iterator().next().getString("id").strip();
                    serials.put(key, id);
                    return Optional.of(id);
                });
    }

    // ---- changes from hexgate.registry.changes ------------------------------------------------------------

    void upsert(String type, JsonNode entity, long version) {
        String id = entity.path("id").asText();
        switch (type) {
            case "device" -> newer(devices, id, version, () -> deviceOf(entity, version), DeviceInfo::version);
            case "network" -> newer(networks, id, version, () -> networkOf(entity, version), NetworkInfo::version);
            case "connector" -> newer(connectors, id, version, () -> new ConnectorInfo(id, version,
                    ParserScript.fromBase64(ParserScript.CONNECTOR, id, text(entity, "payload_decoder"))), ConnectorInfo::version);
            default -> { }
        }
        if (type.equals("device")) {
            serials.asMap().values().removeIf(id::equals);
        }
    }

    void delete(String type, String id) {
        switch (type) {
            case "device" -> {
                devices.invalidate(id);
                serials.asMap().values().removeIf(id::equals);
            }
            case "network" -> networks.invalidate(id);
            case "connector" -> connectors.invalidate(id);
            default -> { }
        }
    }

    private static <T> void newer(Cache<String, T> cache, String id, long version, java.util.function.Supplier<T> fresh,
                                  java.util.function.ToLongFunction<T> versionOf) {
        cache.asMap().compute(id, (key, old) -> old == null || versionOf.applyAsLong(old) <= version ? fresh.get() : old);
    }

    private <T> Uni<Optional<T>> cached(Cache<String, T> cache, String id,
                                       java.util.function.Supplier<Uni<RowSet<Row>>> query, Function<Row, T> mapper) {
        T known = cache.getIfPresent(id);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return query.get().map(rows -> {
            if (!rows.iterator().hasNext()) {
                return Optional.<T>empty();
            }
            T loaded = mapper.apply(rows.iterator().next());
            // An event that arrived while the row was read may carry a newer version: keep that one.
            return Optional.of(cache.asMap().merge(id, loaded, (old, fresh) -> old));
        });
    }

    private DeviceInfo deviceOf(Row row) {
        ObjectNode entity = json.createObjectNode();
        entity.put("id", row.getString("id").strip());
        entity.put("profile", row.getString("profile").strip());
        entity.put("name", row.getString("name"));
        entity.put("network", row.getString("network_id").strip());
        entity.put("connector", row.getString("connector_id").strip());
        entity.put("connector_parse", row.getBoolean("connector_parse"));
        entity.put("payload_decoder", row.getString("payload_decoder"));
        entity.put("active", row.getBoolean("active"));
        entity.set("tags", parse(row.getString("tags")));
        entity.set("params", parse(row.getString("params")));
        return deviceOf(entity, row.getLong("version"));
    }

    private DeviceInfo deviceOf(JsonNode entity, long version) {
        String id = entity.path("id").asText();
        ObjectNode global = json.createObjectNode();
        global.put("id", id);
        global.put("name", entity.path("name").asText());
        global.put("network", entity.path("network").asText());
        global.put("connector", entity.path("connector").asText());
        global.set("tags", entity.path("tags").isArray() ? entity.get("tags") : json.createArrayNode());
        ArrayNode params = json.createArrayNode();
        entity.path("params").forEach(param -> params.addObject().put("key", param.path("key").asText())
                .put("value", param.path("value").asText()).put("sent", param.path("sent").asBoolean(false)));
        global.set("params", params);
        return new DeviceInfo(id, entity.path("profile").asText(), entity.path("network").asText(),
                entity.path("connector").asText(), entity.path("connector_parse").asBoolean(true),
                entity.path("active").asBoolean(true), version,
                ParserScript.fromBase64(ParserScript.DEVICE, id, text(entity, "payload_decoder")), global.toString());
    }

    private NetworkInfo networkOf(Row row) {
        ObjectNode entity = json.createObjectNode();
        entity.put("id", row.getString("id").strip());
        entity.put("profile", row.getString("profile").strip());
        entity.put("payload_decoder", row.getString("payload_decoder"));
        entity.set("serial_number", parse(row.getString("serial_number")));
        return networkOf(entity, row.getLong("version"));
    }

    private NetworkInfo networkOf(JsonNode entity, long version) {
        String id = entity.path("id").asText();
        JsonNode serial = entity.path("serial_number");
        SerialMask mask = serial.isObject()
                ? new SerialMask(serial.path("mask").asText(""), SerialMask.SerialCase.parse(serial.path("case").asText("")))
                : SerialMask.none();
        return new NetworkInfo(id, entity.path("profile").asText(), version,
                ParserScript.fromBase64(ParserScript.NETWORK, id, text(entity, "payload_decoder")), mask);
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return json.nullNode();
        }
    }

    private static String text(JsonNode entity, String field) {
        JsonNode node = entity.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
