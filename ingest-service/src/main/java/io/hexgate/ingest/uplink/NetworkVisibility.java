package io.hexgate.ingest.uplink;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.common.client.Service;
import io.hexgate.common.client.ServiceClients;
import io.hexgate.ingest.IngestConfig;
import io.smallrye.mutiny.Uni;

/**
 * Whether a profile may post a network server's webhook to a network: the network is its own, shared with it, or
 * public (network-service's rule). A yes is remembered as long as a token's introspection (1 s), so a steady
 * webhook costs network-service one call a second, and an unshared network is refused a second later.
 */
@ApplicationScoped
public class NetworkVisibility {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    ServiceClients clients;

    private final Cache<String, Boolean> visible;
    private NetworkAccessApi access;

    NetworkVisibility(IngestConfig config) {
        visible = Caffeine.newBuilder().expireAfterWrite(config.introspectionCacheTtl()).maximumSize(100_000).build();
    }

    @PostConstruct
    void connect() {
        access = clients.of(NetworkAccessApi.class, Service.NETWORK_SERVICE, TIMEOUT);
    }

    /** Nothing when {@code profile} may see {@code network}; a 404 naming the network otherwise. */
    public Uni<Void> require(String network, String profile) {
        String key = network + "\n" + profile;
        if (visible.getIfPresent(key) != null) {
            return Uni.createFrom().voidItem();
        }
        return access.access(network, profile)
                .onFailure(ResourceNotFoundException.class).transform(hidden -> new ResourceNotFoundException(
                        "network " + network + " was not found among the networks the authorization's profile may use "
                                + "(its own, shared with it, or public)"))
                .invoke(found -> visible.put(key, Boolean.TRUE))
                .replaceWithVoid();
    }
}
