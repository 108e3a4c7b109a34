package io.hexgate.ingest.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.hexgate.common.api.RateLimitedException;
import io.hexgate.ingest.IngestConfig;

/**
 * The per-device limit of POST /data (default 5 requests/s, burst 20; per network in
 * {@code hexgate.ingest.networks.<id>.per-second|burst}): a Bucket4j token bucket per device, per replica.
 */
@ApplicationScoped
public class DeviceRateLimit {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(500_000).expireAfterAccess(10, TimeUnit.MINUTES).build();
    private final IngestConfig config;

    DeviceRateLimit(IngestConfig config) {
        this.config = config;
    }

    /** Takes one request from the key's bucket; 429 with {@code Retry-After} naming the limit when it is empty. */
    public void check(String key, String network) {
        IngestConfig.NetworkLimit override = network == null ? null : config.networks().get(network);
        int perSecond = override != null ? override.perSecond() : config.perSecond();
        int burst = Math.max(perSecond, override != null ? override.burst() : config.burst());
        Bucket bucket = buckets.get(key, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw new RateLimitedException("rate limit of " + perSecond + " requests/s (burst " + burst
                    + ") per device exceeded; retry in " + seconds + " s", seconds);
        }
    }
}
