package io.hexgate.token.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.hexgate.common.ratelimit.TokenBuckets;
import io.hexgate.token.config.TokensConfig;

/** The per-network-token limit of resolve ({@code hexgate.tokens.resolve-per-second}, {@code resolve-burst}). */
@ApplicationScoped
public class ResolveRateLimit {

    private final TokenBuckets buckets = new TokenBuckets("network token", 100_000);
    private final int perSecond;
    private final int burst;

    ResolveRateLimit(TokensConfig config) {
        this.perSecond = config.resolvePerSecond();
        this.burst = config.resolveBurst();
    }

    /** Takes one request from the token's bucket; 429 with {@code Retry-After} when it is empty. */
    public void check(String tokenHash) {
        buckets.take(tokenHash, perSecond, burst);
    }
}
