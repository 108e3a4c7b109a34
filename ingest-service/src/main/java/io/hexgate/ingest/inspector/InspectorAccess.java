package io.hexgate.ingest.inspector;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.common.client.Service;
import io.hexgate.common.client.ServiceClients;
import io.hexgate.ingest.info.NetworkServiceApi;
import io.hexgate.ingest.uplink.NetworkVisibility;
import io.smallrye.mutiny.Uni;

/**
 * Whose inspector a profile may read: a device's only when the device is the profile's own (devices are never
 * shared); a network's when the profile may use the network (own, shared with it, public) — and then only the
 * profile's own uplinks on it. A device's owner and network never change, so they are remembered (a minute).
 */
@ApplicationScoped
public class InspectorAccess {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** What the inspector needs to know of a device. */
    public record DeviceOwner(String profile, String network) {
    }

    @Inject
    ServiceClients clients;

    @Inject
    NetworkVisibility networks;

    private final Cache<String, DeviceOwner> owners = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
    private NetworkServiceApi networkService;

    @PostConstruct
    void connect() {
        networkService = clients.of(NetworkServiceApi.class, Service.NETWORK_SERVICE, TIMEOUT);
    }

    /** The device's network, when the device is {@code profile}'s; a 404 naming the device otherwise. */
    public Uni<String> device(String device, String profile) {
        DeviceOwner known = owners.getIfPresent(device);
        Uni<DeviceOwner> owner = known != null ? Uni.createFrom().item(known)
                : networkService.device(device).map(InspectorAccess::owner).invoke(found -> owners.put(device, found))
                        .onFailure(ResourceNotFoundException.class).recoverWithNull();
        return owner.map(found -> {
            if (found == null || !profile.equals(found.profile())) {
                throw new ResourceNotFoundException("device " + device + " was not found among this profile's devices");
            }
            return found.network();
        });
    }

    /** Nothing when {@code profile} may use the network; a 404 naming it otherwise. */
    public Uni<Void> network(String network, String profile) {
        return networks.require(network, profile);
    }

    private static DeviceOwner owner(Map<String, Object> device) {
        return new DeviceOwner(String.valueOf(device.get("profile")), String.valueOf(device.get("network")));
    }
}
