package io.hexgate.token.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** token-service settings. */
@ConfigMapping(prefix = "hexgate.tokens")
public interface TokensConfig {

    /** AES-256 key (base64 of 32 bytes) sealing the stored copy of each device token, which resolve returns. */
    String encryptionKey();

    /** Prefix of every Redis key, so that several installations or test runs can share one Redis. */
    @WithDefault("hexgate:")
    String redisKeyPrefix();

    /** How long a cached token or resolution lives at most; invalidation, not this, makes changes visible. */
    @WithDefault("5m")
    Duration cacheTtl();

    /** How long an unknown token is remembered as unknown. */
    @WithDefault("5s")
    Duration negativeCacheTtl();

    /** A Redis call slower than this counts as Redis being down: the answer comes from PostgreSQL. */
    @WithDefault("150ms")
    Duration redisTimeout();

    /** How often {@code last_authorization} is written, coalescing every use since the last write. */
    @WithDefault("10s")
    Duration lastAuthorizationFlush();

    /** Resolve requests per second allowed per network token (sustained). */
    @WithDefault("100")
    int resolvePerSecond();

    /** Resolve requests a network token may burst above the sustained rate. */
    @WithDefault("200")
    int resolveBurst();

    /** Lifetime of a profile token issued without {@code expire_time}. */
    @WithDefault("30d")
    Duration profileTokenLifetime();
}
