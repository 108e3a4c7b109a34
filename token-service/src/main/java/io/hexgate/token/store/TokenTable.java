package io.hexgate.token.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.token.cache.TokenCache;
import io.hexgate.token.secret.TokenSecret;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** What network tokens, device tokens and service authorizations share in storage: revocation. */
@ApplicationScoped
public class TokenTable {

    /** The token tables and the column that names what a token belongs to. */
    public enum Kind {
        NETWORK("tokens.network_tokens", "network_id", "no such network token of yours"),
        DEVICE("tokens.device_tokens", "device_id", "no such device token of yours"),
        SERVICE_AUTHORIZATION("tokens.service_authorizations", "profile", "no such service authorization of yours");

        final String table;
        final String ownerColumn;
        final String notFound;

        Kind(String table, String ownerColumn, String notFound) {
            this.table = table;
            this.ownerColumn = ownerColumn;
            this.notFound = notFound;
        }
    }

    @Inject
    Pool database;

    @Inject
    TokenCache cache;

    /** The tokens of a network or device, oldest first; {@code token} shows only the first characters. */
    public Uni<List<Map<String, Object>>> list(Kind kind, String ownerId) {
        String serial = kind == Kind.DEVICE ? ", serie_number" : "";
        return database.preparedQuery("SELECT token_hint, name, permission, expire_time, created_at, last_authorization"
                        + serial + " FROM " + kind.table + " WHERE " + kind.ownerColumn + " = $1 ORDER BY created_at")
                .execute(Tuple.of(ownerId)).map(rows -> {
                    List<Map<String, Object>> tokens = new ArrayList<>();
                    for (Row row : rows) {
                        Map<String, Object> token = new LinkedHashMap<>();
                        token.put("token", row.getString("token_hint"));
                        token.put("name", row.getString("name"));
                        token.put("permission", row.getString("permission"));
                        token.put("expire_time", row.getOffsetDateTime("expire_time") == null ? "never" : row.getOffsetDateTime("expire_time"));
                        if (kind == Kind.DEVICE) {
                            token.put("serie_number", row.getString("serie_number"));
                        }
                        token.put("created_at", row.getOffsetDateTime("created_at"));
                        token.put("last_authorization", row.getOffsetDateTime("last_authorization"));
                        tokens.add(token);
                    }
                    return tokens;
                });
    }

    /** Revokes a token given in clear, if {@code profile} owns it (or an administrator asks); effective at once. */
    public Uni<Void> revoke(Kind kind, String profile, boolean admin, String clearToken) {
        String hash = TokenSecret.hash(clearToken);
        // A service authorization names no network: its revocation is seen by every resolve, which looks it up.
        boolean ofNetwork = kind != Kind.SERVICE_AUTHORIZATION;
        return database.preparedQuery("DELETE FROM " + kind.table + " WHERE token_hash = $1 AND (profile = $2 OR $3) "
                        + "RETURNING " + (ofNetwork ? "network_id" : "profile"))
                .execute(Tuple.of(hash, profile, admin)).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ResourceNotFoundException(kind.notFound);
                    }
                    String network = rows.iterator().next().getString(0).strip();
                    Uni<Void> tokens = cache.invalidateTokens(List.of(hash));
                    return ofNetwork ? tokens.flatMap(ignored -> cache.invalidateNetwork(network)) : tokens;
                });
    }
}
