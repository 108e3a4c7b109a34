package io.hexgate.token.registry;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.hexgate.common.api.ConnectionLoss;
import io.hexgate.common.api.DataRefused;
import io.hexgate.common.contract.RegistryChange;
import io.hexgate.token.cache.TokenCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps token-service's own copy of what it needs from the registry — networks (owner, serial format) and
 * devices (network, owner, serial, active) — from {@code hexgate.registry.changes}, so no request calls
 * network-service. Each change also takes effect in the cache at once: the tokens of a deleted device or network
 * are revoked, and cached resolutions and lookups it affects are dropped. Older versions never overwrite newer.
 */
@ApplicationScoped
public class RegistryMirror {

    private static final Logger LOG = Logger.getLogger(RegistryMirror.class);

    @Inject
    Pool database;

    @Inject
    TokenCache cache;

    @Incoming("registry-changes")
    public Uni<Void> apply(String value) {
        RegistryChange change;
        try {
            change = RegistryChange.fromJson(value);
        } catch (IllegalArgumentException unreadable) {
            // never applicable: dead-lettered by the channel's failure strategy, and the mirror goes on
            LOG.warnf("dead-lettering a registry change that cannot be read (%d bytes): %s", value == null ? 0 : value.length(),
                    unreadable.getMessage());
            return Uni.createFrom().failure(unreadable);
        }
        String type = change.type();
        String op = change.op();
        String id = change.id();
        long version = change.version();
        JsonNode entity = change.entity();
        Uni<Void> applied = switch (change.kind()) {
            case "network:upsert" -> upsertNetwork(id, version, entity);
            case "network:delete" -> deleteNetwork(id);
            case "device:upsert" -> upsertDevice(id, version, entity);
            case "device:delete" -> deleteDevice(id);
            default -> Uni.createFrom().voidItem();
        };
        // An outage is waited out (nothing is skipped); a change that can never be applied fails, and the channel's
        // failure strategy dead-letters it to hexgate.registry.dlq so the mirror goes on with the next one.
        return applied.onFailure(e -> !ConnectionLoss.causedBy(e)).transform(e -> refused(type, op, id, e))
                .onFailure(ConnectionLoss::causedBy)
                .invoke(e -> LOG.warnf("applying a registry change waits for a store (%s); retrying", e.getMessage()))
                .onFailure(ConnectionLoss::causedBy).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }

    private static RuntimeException refused(String type, String op, String id, Throwable failure) {
        String reason = DataRefused.causedBy(failure) ? DataRefused.reason(failure) : String.valueOf(failure.getMessage());
        LOG.warnf("dead-lettering the registry change %s %s %s: %s", type, op, id, reason);
        return new IllegalArgumentException("the registry change " + type + " " + op + " " + id + " cannot be applied: "
                + reason, failure);
    }

    private Uni<Void> upsertNetwork(String id, long version, JsonNode entity) {
        JsonNode serial = entity.path("serial_number");
        String mask = serial.path("mask").asText("");
        String serialCase = serial.path("case").asText("");
        return database.preparedQuery("INSERT INTO tokens.registry_networks (id, profile, serial_mask, serial_case, version) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET profile = EXCLUDED.profile, "
                        + "serial_mask = EXCLUDED.serial_mask, serial_case = EXCLUDED.serial_case, version = EXCLUDED.version "
                        + "WHERE tokens.registry_networks.version < EXCLUDED.version")
                .execute(Tuple.of(id, entity.path("profile").asText(), mask, serialCase, version))
                .flatMap(ignored -> cache.invalidateNetwork(id));
    }

    private Uni<Void> deleteNetwork(String id) {
        return database.withTransaction(connection -> tokenHashes(connection,
                        "SELECT token_hash FROM tokens.network_tokens WHERE network_id = $1 UNION ALL "
                                + "SELECT token_hash FROM tokens.device_tokens WHERE network_id = $1", id)
                        .call(hashes -> connection.preparedQuery("DELETE FROM tokens.network_tokens WHERE network_id = $1").execute(Tuple.of(id)))
                        .call(hashes -> connection.preparedQuery("DELETE FROM tokens.device_tokens WHERE network_id = $1").execute(Tuple.of(id)))
                        .call(hashes -> connection.preparedQuery("DELETE FROM tokens.registry_devices WHERE network_id = $1").execute(Tuple.of(id)))
                        .call(hashes -> connection.preparedQuery("DELETE FROM tokens.registry_networks WHERE id = $1").execute(Tuple.of(id))))
                .flatMap(hashes -> cache.invalidateTokens(hashes))
                .flatMap(ignored -> cache.invalidateNetwork(id));
    }

    private Uni<Void> upsertDevice(String id, long version, JsonNode entity) {
        String network = entity.path("network").asText();
        String serial = entity.hasNonNull("serie_number") ? entity.get("serie_number").asText() : null;
        return database.preparedQuery("INSERT INTO tokens.registry_devices (id, network_id, connector_id, profile, "
                        + "serie_number, active, version) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET "
                        + "network_id = EXCLUDED.network_id, connector_id = EXCLUDED.connector_id, profile = EXCLUDED.profile, "
                        + "serie_number = EXCLUDED.serie_number, active = EXCLUDED.active, version = EXCLUDED.version "
                        + "WHERE tokens.registry_devices.version < EXCLUDED.version")
                .execute(Tuple.tuple().addString(id).addString(network).addString(entity.path("connector").asText())
                        .addString(entity.path("profile").asText()).addString(serial)
                        .addBoolean(entity.path("active").asBoolean(true)).addLong(version))
                .flatMap(ignored -> tokenHashes(database, "SELECT token_hash FROM tokens.device_tokens WHERE device_id = $1", id))
                .flatMap(hashes -> cache.invalidateTokens(hashes))
                .flatMap(ignored -> cache.invalidateNetwork(network));
    }

    private Uni<Void> deleteDevice(String id) {
        return database.withTransaction(connection -> tokenHashes(connection,
                        "SELECT token_hash FROM tokens.device_tokens WHERE device_id = $1", id)
                        .call(hashes -> connection.preparedQuery("DELETE FROM tokens.device_tokens WHERE device_id = $1").execute(Tuple.of(id)))
                        .flatMap(hashes -> connection.preparedQuery("DELETE FROM tokens.registry_devices WHERE id = $1 RETURNING network_id")
                                .execute(Tuple.of(id))
                                .map(rows -> new Deleted(hashes, rows.iterator().hasNext() ? rows.iterator().next().getString(0).strip() : null))))
                .flatMap(deleted -> cache.invalidateTokens(deleted.hashes())
                        .flatMap(ignored -> deleted.network() == null ? Uni.createFrom().voidItem() : cache.invalidateNetwork(deleted.network())));
    }

    private record Deleted(List<String> hashes, String network) {
    }

    private static Uni<List<String>> tokenHashes(SqlClient client, String sql, String id) {
        return client.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> {
            List<String> hashes = new java.util.ArrayList<>();
            for (Row row : rows) {
                hashes.add(row.getString(0).strip());
            }
            return hashes;
        });
    }
}
