package io.hexgate.token.introspect;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.auth.InactiveReason;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.common.contract.TokenKind;
import io.hexgate.token.cache.TokenCache;
import io.hexgate.token.config.TokensConfig;
import io.hexgate.token.secret.TokenSecret;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finds what a network token, device token or service authorization is: from Redis when cached, else from PostgreSQL (and then cached,
 * unknown tokens briefly). Expiry is judged at every use, so a cached token still expires on time.
 */
@ApplicationScoped
public class TokenLookup {

    @Inject
    Pool database;

    @Inject
    TokenCache cache;

    @Inject
    TokensConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    LastAuthorization lastAuthorization;

    /** The token's info, judged now; its use is recorded for {@code last_authorization} when active. */
    public Uni<TokenInfo> lookup(String clearToken) {
        String hash = TokenSecret.hash(clearToken);
        return cache.get(TokenCache.tokenKey(hash)).flatMap(cached -> lookup(clearToken, hash, cached.getFirst()));
    }

    /** As {@link #lookup(String)} when the cache was already read ({@code cached} null on a miss). */
    public Uni<TokenInfo> lookup(String clearToken, String hash, String cached) {
        Uni<TokenInfo> info = cached != null ? Uni.createFrom().item(read(cached))
                : fromDatabase(hash, clearToken).call(fresh -> cache.put(TokenCache.tokenKey(hash), write(fresh),
                        fresh.active() ? config.cacheTtl() : config.negativeCacheTtl()));
        return info
                .map(found -> found.at(System.currentTimeMillis()))
                .invoke(judged -> {
                    if (judged.active()) {
                        lastAuthorization.used(judged.kind(), hash);
                    }
                });
    }

    /** Reads a token's row from PostgreSQL. */
    Uni<TokenInfo> fromDatabase(String hash, String clearToken) {
        if (TokenHeaders.looksLikeServiceAuthorization(clearToken)) {
            return database.preparedQuery("SELECT profile, permission, expire_time FROM tokens.service_authorizations "
                            + "WHERE token_hash = $1")
                    .execute(Tuple.of(hash)).map(rows -> {
                        if (!rows.iterator().hasNext()) {
                            return TokenInfo.inactive(InactiveReason.UNKNOWN);
                        }
                        Row row = rows.iterator().next();
                        return new TokenInfo(true, TokenKind.SERVICE_AUTHORIZATION, null, null, null,
                                trim(row.getString("profile")), row.getString("permission"),
                                millis(row.getOffsetDateTime("expire_time")), hash, null);
                    });
        }
        if (clearToken.startsWith("n-")) {
            return database.preparedQuery("SELECT network_id, profile, permission, expire_time FROM tokens.network_tokens "
                            + "WHERE token_hash = $1")
                    .execute(Tuple.of(hash)).map(rows -> {
                        if (!rows.iterator().hasNext()) {
                            return TokenInfo.inactive(InactiveReason.UNKNOWN);
                        }
                        Row row = rows.iterator().next();
                        return new TokenInfo(true, TokenKind.NETWORK, null, trim(row.getString("network_id")), null,
                                trim(row.getString("profile")), row.getString("permission"),
                                millis(row.getOffsetDateTime("expire_time")), hash, null);
                    });
        }
        return database.preparedQuery("SELECT t.device_id, t.network_id, t.connector_id, t.profile, t.permission, "
                        + "t.expire_time, d.active, d.connector_id AS registry_connector "
                        + "FROM tokens.device_tokens t LEFT JOIN tokens.registry_devices d ON d.id = t.device_id "
                        + "WHERE t.token_hash = $1")
                .execute(Tuple.of(hash)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return TokenInfo.inactive(InactiveReason.UNKNOWN);
                    }
                    Row row = rows.iterator().next();
                    // Not yet in the registry copy (a device being created): active, with the token's own ids.
                    boolean deviceActive = !Boolean.FALSE.equals(row.getBoolean("active"));
                    String connector = row.getString("registry_connector") != null ? row.getString("registry_connector")
                            : row.getString("connector_id");
                    return new TokenInfo(deviceActive, TokenKind.DEVICE, trim(row.getString("device_id")), trim(row.getString("network_id")),
                            trim(connector), trim(row.getString("profile")), row.getString("permission"),
                            millis(row.getOffsetDateTime("expire_time")), hash, deviceActive ? null : InactiveReason.DEVICE_INACTIVE);
                });
    }

    private TokenInfo read(String value) {
        try {
            return json.readValue(value, TokenInfo.class);
        } catch (JsonProcessingException e) {
            return TokenInfo.inactive(InactiveReason.UNREADABLE);
        }
    }

    private String write(TokenInfo info) {
        try {
            return json.writeValueAsString(info);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long millis(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toEpochMilli();
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
