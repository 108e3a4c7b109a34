package io.hexgate.ingest.warmup;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The start-up warm-up of the request path ({@link WarmUp}); docs/operations.md "Start-up warm-up". */
@ConfigMapping(prefix = "hexgate.warm-up")
public interface WarmUpConfig {

    /** Requests sent to the own port before readiness; 0 turns the warm-up off. */
    @WithDefault("4000")
    @Min(0)
    @Max(1_000_000)
    int requests();

    /** Requests in flight at once. */
    @WithDefault("4")
    @Min(1)
    @Max(64)
    int concurrency();

    /** The longest the warm-up may keep the service not ready, done or not. */
    @WithDefault("10s")
    Duration maxDuration();
}
