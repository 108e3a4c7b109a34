package io.hexgate.ingest;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ingest-service settings. */
@ConfigMapping(prefix = "hexgate.ingest")
public interface IngestConfig {

    /** How long an introspection answer is reused: a revoked token keeps working at most this long here. */
    @WithDefault("1s")
    Duration introspectionCacheTtl();

    /** The largest accepted body of POST /data, in bytes (SPEC §2.8: 200 kB). */
    @WithDefault("204800")
    int maxBodyBytes();

    /** Requests per second a device may post (sustained). */
    @WithDefault("5")
    int perSecond();

    /** Requests a device may burst above the sustained rate. */
    @WithDefault("20")
    int burst();

    /** Network-level requests per second per network (a network server posts for all its devices). */
    @WithDefault("1000")
    int networkPerSecond();

    /** Network-level burst per network. */
    @WithDefault("2000")
    int networkBurst();

    /** Per-network overrides of the device rate limit, by network id. */
    Map<String, NetworkLimit> networks();

    /** A network's own device rate limit. */
    interface NetworkLimit {
        /** Requests per second per device of this network. */
        int perSecond();

        /** Burst per device of this network. */
        int burst();
    }
}
