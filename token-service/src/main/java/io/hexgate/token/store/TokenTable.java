package io.hexgate.token.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.token.cache.TokenCache;
import io.hexgate.token.secret.TokenSecret;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** What network tokens, device tokens and service authorizations share in storage: lists, names, revocation. */
@ApplicationScoped
public class TokenTable {

    /**
     * The token tables, the column that names what a token belongs to, and the column of the network whose cached
     * resolutions a revocation invalidates (none for a service authorization: every resolve looks it up anew).
     */
    public enum Kind {
        NETWORK("tokens.network_tokens", "network_id", "network_id", "no such network token of yours"),
        DEVICE("tokens.device_tokens", "device_id", "network_id", "no such device token of yours"),
        SERVICE_AUTHORIZATION("tokens.service_authorizations", "profile", null, "no such service authorization of yours");

        final String table;
        final String ownerColumn;
        final String networkColumn;
        final String notFound;

        Kind(String table, String ownerColumn, String networkColumn, String notFound) {
            this.table = table;
            this.ownerColumn = ownerColumn;
            this.networkColumn = networkColumn;
            this.notFound = notFound;
        }
    }

    /** The longest token name (SPEC §2.7). */
    static final int MAX_NAME = 255;

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
                        // a device token's serial may be null: singletonMap takes it, Map.of would not
                        tokens.add(listed(row, kind == Kind.DEVICE
                                ? Collections.singletonMap("serie_number", row.getString("serie_number")) : Map.of()));
                    }
                    return tokens;
                });
    }

    /** Revokes a token given in clear, if {@code profile} owns it (or an administrator asks); effective at once. */
    public Uni<Void> revoke(Kind kind, String profile, boolean admin, String clearToken) {
        String hash = TokenSecret.hash(clearToken);
        return database.preparedQuery("DELETE FROM " + kind.table + " WHERE token_hash = $1 AND (profile = $2 OR $3) "
                        + "RETURNING " + (kind.networkColumn == null ? "profile" : kind.networkColumn))
                .execute(Tuple.of(hash, profile, admin)).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ResourceNotFoundException(kind.notFound);
                    }
                    Uni<Void> tokens = cache.invalidateTokens(List.of(hash));
                    if (kind.networkColumn == null) {
                        return tokens;
                    }
                    String network = rows.iterator().next().getString(0).strip();
                    return tokens.flatMap(ignored -> cache.invalidateNetwork(network));
                });
    }

    /**
     * A token as lists show it: its first characters as {@code token}, name, permission, {@code expire_time}
     * ({@code never} or a time), what its kind adds ({@code extra}), {@code created_at} and {@code last_authorization}.
     */
    public static Map<String, Object> listed(Row row, Map<String, Object> extra) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("token", row.getString("token_hint"));
        token.put("name", row.getString("name"));
        token.put("permission", row.getString("permission"));
        token.put("expire_time", row.getOffsetDateTime("expire_time") == null ? "never" : row.getOffsetDateTime("expire_time"));
        token.putAll(extra);
        token.put("created_at", row.getOffsetDateTime("created_at"));
        token.put("last_authorization", row.getOffsetDateTime("last_authorization"));
        return token;
    }

    /** A token's name: {@code Default} when none is given, else the given one stripped, at most 255 characters. */
    public static String name(FieldErrors errors, String given) {
        String name = given == null || given.isBlank() ? "Default" : given.strip();
        if (name.length() > MAX_NAME) {
            errors.add("name", "at most " + MAX_NAME + " characters, got " + name.length());
        }
        return name;
    }
}
