package io.hexgate.parser.registry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.common.client.Service;
import io.hexgate.common.client.ServiceClients;
import io.hexgate.common.contract.RegistryChange;
import io.hexgate.common.serial.SerialMask;
import io.hexgate.parser.runtime.ParserScript;
import io.hexgate.parser.runtime.ParserStage;
import io.smallrye.mutiny.Uni;

/**
 * The registry as the pipeline sees it: devices, networks and connectors kept in memory, replaced by the
 * newer version whenever {@code hexgate.registry.changes} says so ({@link RegistryListener}), and asked of
 * network-service's internal registry API on a miss ({@link RegistryApi}: the entity in the form the topic carries
 * it, so one reader serves both) — never read from network-service's schema. Entries also expire after a while, a
 * bound on staleness should an event ever be missed.
 */
@ApplicationScoped
public class RegistryCache {

    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The longest profile id a device of the registry can have (its ids are 24 characters). */
    private static final int PROFILE_LENGTH = 24;

    @Inject
    ServiceClients clients;

    private RegistryApi registry;

    @Inject
    ObjectMapper json;

    private final Cache<String, DeviceInfo> devices = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(TTL).build();
    private final Cache<String, NetworkInfo> networks = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();
    private final Cache<String, ConnectorInfo> connectors = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(TTL).build();
    /** network/profile/serial → device id; short-lived, as serials change without the old value in the event. */
    private final Cache<String, String> serials = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofSeconds(30)).build();
    /**
     * The questions to network-service on their way, by what they ask: misses of one entity at the same moment share
     * one request. A restarted worker meets a backlog of thousands of uplinks of the same few devices with an empty
     * cache; asked once per uplink, network-service got thousands of requests at once, they queued past their
     * timeout, and their retries did the same again (seen: 16 s without storing after a restart, 239 timeouts).
     */
    private final ConcurrentHashMap<String, Uni<?>> asking = new ConcurrentHashMap<>();

    @PostConstruct
    void connect() {
        registry = clients.of(RegistryApi.class, Service.NETWORK_SERVICE, TIMEOUT);
    }

    public Uni<Optional<DeviceInfo>> device(String id) {
        return cached(devices, RegistryChange.DEVICE, id, change -> deviceOf(change.entity(), change.version()));
    }

    public Uni<Optional<NetworkInfo>> network(String id) {
        return cached(networks, RegistryChange.NETWORK, id, change -> networkOf(change.entity(), change.version()));
    }

    public Uni<Optional<ConnectorInfo>> connector(String id) {
        return cached(connectors, RegistryChange.CONNECTOR, id, change -> connectorOf(change.entity(), change.version()));
    }

    /** The device of a serial a network parser set, in the uplink's profile; the serial normalised by the mask. */
    public Uni<Optional<String>> deviceBySerial(NetworkInfo network, String profile, String serial) {
        String stored = network.mask().normalise(serial);
        String key = serialKey(network, profile, stored);
        String known = serials.getIfPresent(key);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        if (profile == null || profile.length() > PROFILE_LENGTH) {
            return Uni.createFrom().item(Optional.empty()); // no device has it; never a URL of any length
        }
        return once("serial/" + key, () -> absentWhenNone(registry.deviceBySerial(network.id(), profile, stored)
                .map(found -> found.get("id")))
                .invoke(found -> found.ifPresent(id -> serials.put(key, id))));
    }

    /**
     * The device of a serial, its connector too when it parses with it — only from what is in memory, never asking
     * network-service: for a parser thread that must not wait (a run going on after its network stage). Empty when
     * anything is not cached, or the serial breaks the mask: the caller then takes the asking path.
     */
    public Optional<Cached> cachedDeviceBySerial(NetworkInfo network, String profile, String serial) {
        String stored;
        try {
            stored = network.mask().normalise(serial);
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
        String id = serials.getIfPresent(serialKey(network, profile, stored));
        DeviceInfo device = id == null ? null : devices.getIfPresent(id);
        if (device == null) {
            return Optional.empty();
        }
        ConnectorInfo connector = device.connectorParse() ? connectors.getIfPresent(device.connector()) : null;
        if (device.connectorParse() && connector == null) {
            return Optional.empty();
        }
        return Optional.of(new Cached(device, connector));
    }

    /** The key of {@code serials}: the network, the profile, the serial as the mask stores it. */
    private static String serialKey(NetworkInfo network, String profile, String stored) {
        return network.id() + "/" + profile + "/" + stored;
    }

    /** A device and, when it parses with it, its connector, as the cache holds them. */
    public record Cached(DeviceInfo device, ConnectorInfo connector) {
    }

    /**
     * Whether {@code profile} may see the network or connector (its own, shared with it, or public: network-service's
     * sharing rules, applied there); a 404 when it may not. What it learnt of the entity fills the cache.
     */
    public Uni<Void> requireVisible(String type, String id, String profile) {
        return registry.entity(type, id, profile).invoke(change -> upsert(change.type(), change.entity(), change.version()))
                .replaceWithVoid();
    }

    // ---- changes from hexgate.registry.changes ------------------------------------------------------------

    void upsert(String type, JsonNode entity, long version) {
        String id = entity.path("id").asText();
        switch (type) {
            case "device" -> newer(devices, id, version, () -> deviceOf(entity, version), DeviceInfo::version);
            case "network" -> newer(networks, id, version, () -> networkOf(entity, version), NetworkInfo::version);
            case "connector" -> newer(connectors, id, version, () -> connectorOf(entity, version), ConnectorInfo::version);
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

    private <T> Uni<Optional<T>> cached(Cache<String, T> cache, String type, String id, Function<RegistryChange, T> reader) {
        T known = cache.getIfPresent(id);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        if (!IdFormat.isId(id)) {
            // no such entity can exist; asking would put any text of a record into a URL (a 414 waited out for ever)
            return Uni.createFrom().item(Optional.empty());
        }
        return once(type + "/" + id, () -> absentWhenNone(registry.entity(type, id, null)).map(found -> found.map(change -> {
            // An event that arrived while the entity was asked for may carry a newer version: keep that one.
            return cache.asMap().merge(id, reader.apply(change), (old, fresh) -> old);
        })));
    }

    /**
     * The answer to {@code question}, asked of network-service only if no one is asking it already; every caller
     * while it is on its way gets the same answer or failure. A failed question is not remembered: the next caller
     * (a retry after a timeout) asks again.
     */
    @SuppressWarnings("unchecked")
    private <T> Uni<T> once(String question, Supplier<Uni<T>> ask) {
        return Uni.createFrom().deferred(() -> (Uni<T>) asking.computeIfAbsent(question, key -> {
            Uni<?>[] self = new Uni<?>[1];
            self[0] = ask.get().onTermination().invoke(() -> asking.remove(key, self[0])).memoize().indefinitely();
            return self[0];
        }));
    }

    /**
     * What the registry answered, or nothing when it answered that there is none (404) or that the question names
     * none (400: no retry could change that answer); any other failure (5xx, unreachable) is the caller's to wait out.
     */
    private static <T> Uni<Optional<T>> absentWhenNone(Uni<T> asked) {
        return asked.map(Optional::of)
                .onFailure(e -> e instanceof ResourceNotFoundException || e instanceof InvalidRequestException)
                .recoverWithItem(Optional.empty());
    }

    private static ConnectorInfo connectorOf(JsonNode entity, long version) {
        String id = entity.path("id").asText();
        ParserScript decoder = ParserScript.fromBase64(ParserStage.CONNECTOR, id, text(entity, "payload_decoder"));
        return new ConnectorInfo(id, version, decoder == null ? null : decoder.withEntry(text(entity, "decoder_entry")));
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
                ParserScript.fromBase64(ParserStage.DEVICE, id, text(entity, "payload_decoder")), global.toString());
    }

    private NetworkInfo networkOf(JsonNode entity, long version) {
        String id = entity.path("id").asText();
        JsonNode serial = entity.path("serial_number");
        SerialMask mask = serial.isObject()
                ? new SerialMask(serial.path("mask").asText(""), SerialMask.SerialCase.parse(serial.path("case").asText("")))
                : SerialMask.none();
        return new NetworkInfo(id, entity.path("profile").asText(), version,
                ParserScript.fromBase64(ParserStage.NETWORK, id, text(entity, "payload_decoder")), mask);
    }

    private static String text(JsonNode entity, String field) {
        JsonNode node = entity.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
