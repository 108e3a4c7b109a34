package io.hexgate.token.network;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.token.device.Permission;
import io.hexgate.token.expiry.ExpireTime;
import io.hexgate.token.secret.TokenSecret;
import io.hexgate.token.store.TokenTable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Network tokens (SPEC §2.7): held by a network server to resolve serials and post network data. */
@ApplicationScoped
public class NetworkTokenService {

    @Inject
    Pool database;

    @Inject
    TokenTable tokens;

    /** What creating answers, once: {@code {token, name, network, permission, expire_time}} ("never" or a time). */
    public record Issued(String token, String name, String network, String permission, Object expireTime) {
    }

    public Uni<Issued> issue(String profile, boolean admin, String network, String name, String permission, String expireTime) {
        FieldErrors errors = new FieldErrors();
        if (network == null || network.isBlank()) {
            errors.add("network", "is required");
        }
        String tokenName = TokenTable.name(errors, name);
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

    /** The network's tokens, without their values. */
    public Uni<List<Map<String, Object>>> list(String profile, boolean admin, String network) {
        return ownedNetwork(profile, admin, network).flatMap(owner -> tokens.list(TokenTable.Kind.NETWORK, network));
    }

    /** Revokes a network token given in clear; effective at once. */
    public Uni<Void> revoke(String profile, boolean admin, String clearToken) {
        return tokens.revoke(TokenTable.Kind.NETWORK, profile, admin, clearToken);
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
