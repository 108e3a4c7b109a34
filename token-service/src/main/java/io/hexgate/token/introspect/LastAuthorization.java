package io.hexgate.token.introspect;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.hexgate.common.contract.TokenKind;
import io.hexgate.token.config.TokensConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code last_authorization} without a database write per request: uses are remembered in memory (latest per
 * token) and written in one statement per table every {@code hexgate.tokens.last-authorization-flush}.
 */
@ApplicationScoped
public class LastAuthorization {

    private static final Logger LOG = Logger.getLogger(LastAuthorization.class);

    @Inject
    Pool database;

    @Inject
    Vertx vertx;

    @Inject
    TokensConfig config;

    private final Map<String, OffsetDateTime> network = new ConcurrentHashMap<>();
    private final Map<String, OffsetDateTime> device = new ConcurrentHashMap<>();
    private final Map<String, OffsetDateTime> service = new ConcurrentHashMap<>();
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.lastAuthorizationFlush().toMillis(), id -> flush().subscribe().with(
                done -> { }, failure -> LOG.warnf("last_authorization not written yet: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public void used(TokenKind kind, String hash) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        (kind == TokenKind.NETWORK ? network : kind == TokenKind.SERVICE_AUTHORIZATION ? service : device).put(hash, now);
    }

    /** Writes what was used since the last flush. */
    public Uni<Void> flush() {
        return write("tokens.network_tokens", drain(network))
                .flatMap(ignored -> write("tokens.device_tokens", drain(device)))
                .flatMap(ignored -> write("tokens.service_authorizations", drain(service)));
    }

    private static Map<String, OffsetDateTime> drain(Map<String, OffsetDateTime> uses) {
        Map<String, OffsetDateTime> drained = new java.util.HashMap<>();
        for (String hash : new ArrayList<>(uses.keySet())) {
            OffsetDateTime time = uses.remove(hash);
            if (time != null) {
                drained.put(hash, time);
            }
        }
        return drained;
    }

    private Uni<Void> write(String table, Map<String, OffsetDateTime> uses) {
        if (uses.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> hashes = new ArrayList<>(uses.keySet());
        List<OffsetDateTime> times = hashes.stream().map(uses::get).toList();
        return database.preparedQuery("UPDATE " + table + " t SET last_authorization = u.at "
                        + "FROM unnest($1::text[], $2::timestamptz[]) AS u(hash, at) "
                        + "WHERE t.token_hash = u.hash AND (t.last_authorization IS NULL OR t.last_authorization < u.at)")
                .execute(Tuple.of(hashes.toArray(String[]::new), times.toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}
