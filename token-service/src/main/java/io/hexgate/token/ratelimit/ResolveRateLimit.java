package io.hexgate.token.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.hexgate.common.api.RateLimitedException;
import io.hexgate.token.config.TokensConfig;

/**
 * The per-network-token limit of resolve: a Bucket4j token bucket per token (sustained rate plus burst), kept
 * per replica in a bounded Caffeine map. Bucket4j is a maintained implementation of the algorithm, so no timing
 * code of ours decides who is limited.
 */
@ApplicationScoped
public class ResolveRateLimit {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(10, TimeUnit.MINUTES).build();
    private final int perSecond;
    private final int burst;

    ResolveRateLimit(TokensConfig config) {
        this.perSecond = config.resolvePerSecond();
        this.burst = Math.max(config.resolveBurst(), config.resolvePerSecond());
    }

    /** Takes one request from the token's bucket; 429 with {@code Retry-After} when it is empty. */
    public void check(String tokenHash) {
        Bucket bucket = buckets.get(tokenHash, hash -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw new RateLimitedException("resolve rate limit of " + perSecond + " requests/s (burst " + burst
                    + ") per network token exceeded; retry in " + seconds + " s", seconds);
        }
    }
}
