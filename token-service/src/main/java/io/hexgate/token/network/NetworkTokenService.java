package io.hexgate.token.network;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.token.cache.TokenCache;
import io.hexgate.token.device.Permission;
import io.hexgate.token.expiry.ExpireTime;
import io.hexgate.token.secret.TokenSecret;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Network tokens (SPEC §2.7): held by a network server to resolve serials and post network data. */
@ApplicationScoped
public class NetworkTokenService {

    @Inject
    Pool database;

    @Inject
    TokenCache cache;

    /** What creating answers, once: {@code {token, name, network, permission, expire_time}} ("never" or a time). */
    public record Issued(String token, String name, String network, String permission, Object expireTime) {
    }

    public Uni<Issued> issue(String profile, boolean admin, String network, String name, String permission, String expireTime) {
        FieldErrors errors = new FieldErrors();
        if (network == null || network.isBlank()) {
            errors.add("network", "is required");
        }
        String tokenName = name == null || name.isBlank() ? "Default" : name.strip();
        if (tokenName.length() > 255) {
            errors.add("name", "at most 255 characters");
        }
        errors.throwIfAny();
        Permission parsed = Permission.parse(permission);
        OffsetDateTime expires = ExpireTime.parse(expireTime, Instant.now());
        TokenSecret secret = TokenSecret.newNetworkToken();
        return ownedNetwork(profile, admin, network).flatMap(owner -> database.preparedQuery(
                        "INSERT INTO tokens.network_tokens (token_hash, token_hint, network_id, profile, name, permission, "
                                + "expire_time, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())")
                .execute(Tuple.tuple().addString(secret.hash()).addString(secret.hint()).addString(network)
                        .addString(owner).addString(tokenName).addString(parsed.json()).addOffsetDateTime(expires))
                .map(inserted -> new Issued(secret.clear(), tokenName, network, parsed.json(),
                        expires == null ? "never" : expires)));
    }

    public Uni<List<Map<String, Object>>> list(String profile, boolean admin, String network) {
        return ownedNetwork(profile, admin, network).flatMap(owner -> database.preparedQuery(
                        "SELECT token_hint, name, permission, expire_time, created_at, last_authorization "
                                + "FROM tokens.network_tokens WHERE network_id = $1 ORDER BY created_at")
                .execute(Tuple.of(network)).map(rows -> {
                    List<Map<String, Object>> tokens = new ArrayList<>();
                    for (Row row : rows) {
                        Map<String, Object> token = new LinkedHashMap<>();
                        token.put("token", row.getString("token_hint"));
                        token.put("name", row.getString("name"));
                        token.put("permission", row.getString("permission"));
                        token.put("expire_time", row.getOffsetDateTime("expire_time") == null ? "never" : row.getOffsetDateTime("expire_time"));
                        token.put("created_at", row.getOffsetDateTime("created_at"));
                        token.put("last_authorization", row.getOffsetDateTime("last_authorization"));
                        tokens.add(token);
                    }
                    return tokens;
                }));
    }

    /** Revokes a network token given in clear; effective at once. */
    public Uni<Void> revoke(String profile, boolean admin, String clearToken) {
        String hash = TokenSecret.hash(clearToken);
        return database.preparedQuery("DELETE FROM tokens.network_tokens WHERE token_hash = $1 AND (profile = $2 OR $3) "
                        + "RETURNING network_id")
                .execute(Tuple.of(hash, profile, admin)).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ResourceNotFoundException("no such network token of yours");
                    }
                    String network = rows.iterator().next().getString(0).strip();
                    return cache.invalidateTokens(List.of(hash)).flatMap(ignored -> cache.invalidateNetwork(network));
                });
    }

    /** The network's owner, when {@code profile} is it (or an administrator asks); 404 otherwise. */
    private Uni<String> ownedNetwork(String profile, boolean admin, String network) {
        return database.preparedQuery("SELECT profile FROM tokens.registry_networks WHERE id = $1")
                .execute(Tuple.of(network == null ? "" : network)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ResourceNotFoundException("network " + network + " not found");
                    }
                    String owner = rows.iterator().next().getString(0).strip();
                    if (!admin && !owner.equals(profile)) {
                        throw new ResourceNotFoundException("network " + network + " not found");
                    }
                    return owner;
                });
    }
}
