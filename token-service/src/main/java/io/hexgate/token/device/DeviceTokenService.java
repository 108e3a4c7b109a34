package io.hexgate.token.device;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.token.cache.TokenCache;
import io.hexgate.token.expiry.ExpireTime;
import io.hexgate.token.secret.TokenCipher;
import io.hexgate.token.secret.TokenSecret;
import io.hexgate.token.store.TokenTable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Issues, lists and revokes device tokens (SPEC §2.7, §3.2). */
@ApplicationScoped
public class DeviceTokenService {

    @Inject
    Pool database;

    @Inject
    TokenCipher cipher;

    @Inject
    TokenCache cache;

    @Inject
    TokenTable tokens;

    /** What the caller sees once: the clear token; {@code expire_time} is "never" or a time. */
    public record Issued(String token, String name, String permission, Object expireTime) {
    }

    /** The device a token is for. */
    public record DeviceRef(String device, String network, String connector, String profile, String serieNumber) {
    }

    /** The longest serial a token carries (SPEC §2.5: a serial is 1–100 characters). */
    private static final int MAX_SERIAL = 100;

    public Uni<Issued> issue(DeviceRef ref, String name, String permission, String expireTime) {
        FieldErrors errors = new FieldErrors();
        String tokenName = TokenTable.name(errors, name);
        if (ref.serieNumber() != null && ref.serieNumber().length() > MAX_SERIAL) {
            errors.add("serie_number", "is " + ref.serieNumber().length() + " characters; at most " + MAX_SERIAL);
        }
        errors.throwIfAny();
        Permission parsedPermission = Permission.parse(permission);
        OffsetDateTime expires = ExpireTime.parse(expireTime, Instant.now());
        TokenSecret secret = TokenSecret.newDeviceToken();
        return database.preparedQuery("INSERT INTO tokens.device_tokens (token_hash, token_sealed, token_hint, device_id, "
                        + "network_id, connector_id, profile, serie_number, name, permission, expire_time, created_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())")
                .execute(Tuple.tuple().addString(secret.hash()).addString(cipher.seal(secret.clear()))
                        .addString(secret.hint()).addString(ref.device()).addString(ref.network())
                        .addString(ref.connector()).addString(ref.profile()).addString(ref.serieNumber())
                        .addString(tokenName).addString(parsedPermission.json()).addOffsetDateTime(expires))
                .call(() -> cache.invalidateNetwork(ref.network()))
                .map(inserted -> new Issued(secret.clear(), tokenName, parsedPermission.json(),
                        expires == null ? "never" : expires));
    }

    /** A new token for a device the profile owns (as token-service knows it from registry changes). */
    public Uni<Issued> issueFor(String profile, boolean admin, String device, String name, String permission,
                                String expireTime, String serieNumber) {
        return ownedDevice(profile, admin, device).flatMap(ref -> issue(
                new DeviceRef(ref.device(), ref.network(), ref.connector(), ref.profile(),
                        serieNumber == null || serieNumber.isBlank() ? ref.serieNumber() : serieNumber.strip()),
                name, permission, expireTime));
    }

    /** The device's tokens, without their values. */
    public Uni<List<Map<String, Object>>> list(String profile, boolean admin, String device) {
        return ownedDevice(profile, admin, device).flatMap(ref -> tokens.list(TokenTable.Kind.DEVICE, device));
    }

    /** Revokes one token, given in clear; effective at once. */
    public Uni<Void> revoke(String profile, boolean admin, String clearToken) {
        return tokens.revoke(TokenTable.Kind.DEVICE, profile, admin, clearToken);
    }

    /** Revokes every token of these devices (a device was deleted); the number revoked. */
    public Uni<Integer> revokeAllOf(List<String> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return database.preparedQuery("DELETE FROM tokens.device_tokens WHERE device_id = ANY($1) RETURNING token_hash, network_id")
                .execute(Tuple.of(devices.toArray(String[]::new))).flatMap(rows -> {
                    List<String> hashes = new ArrayList<>();
                    java.util.Set<String> networks = new java.util.HashSet<>();
                    for (Row row : rows) {
                        hashes.add(row.getString(0).strip());
                        networks.add(row.getString(1).strip());
                    }
                    Uni<Void> invalidated = cache.invalidateTokens(hashes);
                    for (String network : networks) {
                        invalidated = invalidated.flatMap(ignored -> cache.invalidateNetwork(network));
                    }
                    return invalidated.map(ignored -> hashes.size());
                });
    }

    private Uni<DeviceRef> ownedDevice(String profile, boolean admin, String device) {
        return database.preparedQuery("SELECT network_id, connector_id, profile, serie_number FROM tokens.registry_devices WHERE id = $1")
                .execute(Tuple.of(device == null ? "" : device)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ResourceNotFoundException("device " + device + " not found");
                    }
                    Row row = rows.iterator().next();
                    String owner = row.getString("profile").strip();
                    if (!admin && !owner.equals(profile)) {
                        throw new ResourceNotFoundException("device " + device + " not found");
                    }
                    return new DeviceRef(device, row.getString("network_id").strip(),
                            row.getString("connector_id") == null ? null : row.getString("connector_id").strip(),
                            owner, row.getString("serie_number"));
                });
    }
}
