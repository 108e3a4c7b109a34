package io.hexgate.ingest.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.hexgate.common.ratelimit.TokenBuckets;
import io.hexgate.ingest.IngestConfig;

/**
 * The per-device limit of POST /data (default 5 requests/s, burst 20), overridable per network in
 * {@code hexgate.ingest.networks.<id>.per-second|burst}; network-level uplinks are limited per network and profile
 * ({@code hexgate.ingest.network-per-second}, default 1000, burst 2000), since one server posts for all devices — and
 * per profile because a built-in or shared network serves many: one profile's flood never takes another's webhooks.
 */
@ApplicationScoped
public class DeviceRateLimit {

    private final TokenBuckets devices = new TokenBuckets("device", 500_000);
    private final TokenBuckets networks = new TokenBuckets("network and profile", 100_000);
    private final IngestConfig config;

    DeviceRateLimit(IngestConfig config) {
        this.config = config;
    }

    public void checkDevice(String device, String network) {
        IngestConfig.NetworkLimit limit = config.networks().get(network);
        devices.take(device, limit != null ? limit.perSecond() : config.perSecond(), limit != null ? limit.burst() : config.burst());
    }

    public void checkNetwork(String network, String profile) {
        networks.take(network + "\n" + profile, config.networkPerSecond(), config.networkBurst());
    }
}
