package io.hexgate.common.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.hexgate.common.api.RateLimitedException;

/**
 * Rate limits as Bucket4j token buckets (a sustained rate plus a burst), one per key, kept per replica in a
 * bounded Caffeine map. Bucket4j is a maintained implementation of the algorithm: no timing code of ours
 * decides who is limited.
 */
public final class TokenBuckets {

    private final Cache<String, Bucket> buckets;
    private final String per;

    /** @param per what a key is, for the 429 message ("device", "network token") */
    public TokenBuckets(String per, long maxKeys) {
        this.per = per;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(10, TimeUnit.MINUTES).build();
    }

    /**
     * Takes one request from the key's bucket (created with this rate and burst on first use); a 429 with
     * {@code Retry-After} and a message naming the limit when it is empty.
     */
    public void take(String key, int perSecond, int burst) {
        int capacity = Math.max(perSecond, burst);
        Bucket bucket = buckets.get(key, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw new RateLimitedException("rate limit of " + perSecond + " requests/s (burst " + capacity + ") per "
                    + per + " exceeded; retry in " + seconds + " s", seconds);
        }
    }
}
