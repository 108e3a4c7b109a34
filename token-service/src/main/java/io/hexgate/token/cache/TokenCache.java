package io.hexgate.token.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import io.hexgate.token.config.TokensConfig;
import io.smallrye.mutiny.Uni;

/**
 * The Redis cache of token lookups and resolutions. Every call is bounded by a short timeout and never fails:
 * when Redis is down or slow the cache answers "miss" (reads) or nothing (writes), the caller answers from
 * PostgreSQL, and the gauge {@code hexgate_token_cache_degraded} reads 1 until Redis answers again.
 *
 * <p>Keys: {@code tok:<sha256>} (a token's lookup), {@code res:<network-token sha256>:<profile|->:<serial>} (a
 * resolution), and {@code idx:net:<network>} (the resolution keys of a network, for invalidation).
 */
@ApplicationScoped
public class TokenCache {

    private static final Logger LOG = Logger.getLogger(TokenCache.class);

    private final ReactiveRedisDataSource redis;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final TokensConfig config;
    private final String prefix;
    private final Duration timeout;
    private final AtomicInteger degraded = new AtomicInteger();
    private final Counter failures;

    TokenCache(ReactiveRedisDataSource redis, TokensConfig config, MeterRegistry metrics, io.vertx.mutiny.core.Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
        this.prefix = config.redisKeyPrefix();
        this.timeout = config.redisTimeout();
        // A gauge of an earlier application instance in the same JVM (tests restart Quarkus) would shadow this one.
        metrics.find("hexgate.token.cache.degraded").meters().forEach(metrics::remove);
        Gauge.builder("hexgate.token.cache.degraded", degraded, AtomicInteger::get)
                .description("1 while Redis is unreachable and token answers come from PostgreSQL").register(metrics);
        failures = Counter.builder("hexgate.token.cache.failures").description("Redis calls that failed or timed out")
                .register(metrics);
    }

    public static String tokenKey(String hash) {
        return "tok:" + hash;
    }

    public static String resolveKey(String networkTokenHash, String profile, String serial) {
        return "res:" + networkTokenHash + ":" + (profile == null ? "-" : profile) + ":" + serial;
    }

    /** Values of the keys, in order; nulls for misses — all nulls when Redis is unavailable. */
    public Uni<List<String>> get(String... keys) {
        String[] prefixed = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            prefixed[i] = prefix + keys[i];
        }
        return guarded(redis.value(String.class).mget(prefixed).map(values -> {
            List<String> ordered = new ArrayList<>(keys.length);
            for (String key : prefixed) {
                ordered.add(values.get(key));
            }
            return ordered;
        }), () -> {
            List<String> misses = new ArrayList<>(keys.length);
            for (int i = 0; i < keys.length; i++) {
                misses.add(null);
            }
            return misses;
        });
    }

    public Uni<Void> put(String key, String value, Duration ttl) {
        return guarded(redis.value(String.class).set(prefix + key, value, new SetArgs().px(ttl)), () -> null);
    }

    /** Caches a resolution and indexes it under its network, so that {@link #invalidateNetwork} removes it. */
    public Uni<Void> putResolution(String network, String key, String value) {
        String index = prefix + "idx:net:" + network;
        return guarded(redis.withTransaction(tx -> tx.value(String.class).set(prefix + key, value, new SetArgs().px(config.cacheTtl()))
                .chain(() -> tx.set(String.class).sadd(index, prefix + key))
                .chain(() -> tx.key().pexpire(index, config.cacheTtl().toMillis() * 2))).replaceWithVoid(), () -> null);
    }

    public Uni<Void> invalidateTokens(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return guarded(redis.key().del(hashes.stream().map(hash -> prefix + tokenKey(hash)).toArray(String[]::new))
                .replaceWithVoid(), () -> null);
    }

    /**
     * Drops every cached resolution of a network (a device, serial, mask or token of it changed) — now, and once
     * more half a second later, for a resolution that read the old state just before and is caching it just after.
     */
    public Uni<Void> invalidateNetwork(String network) {
        return dropResolutions(network).invoke(() -> vertx.setTimer(500, id -> dropResolutions(network).subscribe().with(
                done -> { }, failure -> { })));
    }

    private Uni<Void> dropResolutions(String network) {
        String index = prefix + "idx:net:" + network;
        return guarded(redis.set(String.class).smembers(index).flatMap(keys -> {
            List<String> all = new ArrayList<>(keys);
            all.add(index);
            return redis.key().del(all.toArray(String[]::new));
        }).replaceWithVoid(), () -> null);
    }

    /**
     * Deletes every key of this installation: invalidations sent while Redis was unreachable were lost, so what
     * it held from before cannot be trusted.
     */
    Uni<Void> purgeAll() {
        return redis.key().scan(new KeyScanArgs().match(prefix + "*").count(500)).toMulti()
                .group().intoLists().of(500)
                .onItem().transformToUniAndConcatenate(keys -> redis.key().del(keys.toArray(String[]::new)))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Where the timeout of a Redis call is scheduled: the calling event loop when there is one (a timer there is a
     * cheap, lock-free task on the resolve hot path), else Mutiny's default scheduler.
     */
    private static java.util.concurrent.ScheduledExecutorService timerExecutor() {
        if (io.vertx.core.Vertx.currentContext() instanceof io.vertx.core.impl.ContextInternal context) {
            return context.nettyEventLoop();
        }
        return io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool();
    }

    public boolean isDegraded() {
        return degraded.get() == 1;
    }

    private <T> Uni<T> guarded(Uni<T> call, java.util.function.Supplier<T> fallback) {
        return call.ifNoItem().after(timeout).on(timerExecutor()).fail()
                .call(ignored -> {
                    if (degraded.getAndSet(0) == 1) {
                        LOG.info("Redis answers again: purging what it cached before, then using it again");
                        return purgeAll();
                    }
                    return Uni.createFrom().voidItem();
                })
                .onFailure().recoverWithItem(failure -> {
                    failures.increment();
                    if (degraded.getAndSet(1) == 0) {
                        LOG.warnf("Redis unavailable (%s): answering from PostgreSQL", failure.getClass().getSimpleName());
                    }
                    return fallback.get();
                });
    }
}
