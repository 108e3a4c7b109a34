package io.hexgate.network.device;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.hexgate.common.api.DependencyUnavailableException;
import io.hexgate.common.client.Service;
import io.hexgate.common.client.ServiceClients;
import io.smallrye.mutiny.Uni;

/**
 * Device tokens are token-service's (SPEC §1): a new device gets its first token through token-service's
 * internal API in the same request (when token-service cannot be reached the device is not made and the caller gets
 * a 503), and a deleted device's tokens are revoked there once the deletion is committed.
 */
@ApplicationScoped
public class DeviceTokens {

    private static final Logger LOG = Logger.getLogger(DeviceTokens.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    ServiceClients clients;

    private TokenServiceClient client;

    @PostConstruct
    void connect() {
        client = clients.of(TokenServiceClient.class, Service.TOKEN_SERVICE, TIMEOUT);
    }

    /** The clear token of the device's first (full, never-expiring) token. */
    public Uni<String> issueFirst(Device device) {
        return client.issue(new TokenServiceClient.IssueRequest(device.id, device.network, device.connector,
                        device.profile, device.serieNumber, "Default", "full", "never"))
                .map(TokenServiceClient.Issued::token)
                .onFailure().transform(failure -> unavailable("create the device", failure));
    }

    /**
     * Revokes the tokens of devices whose deletion is committed. Never fails: if token-service cannot be asked now,
     * it drops the tokens when it reads the deletion events the registry published (its mirror), so the deletion
     * stands and a line says so.
     */
    public Uni<Void> revoke(List<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.revoke(new TokenServiceClient.RevokeRequest(deviceIds)).onFailure().recoverWithUni(failure -> {
            LOG.warnf("token-service could not revoke the tokens of %d deleted device(s) at once (%s); it drops them "
                    + "when it reads their deletion events", deviceIds.size(), failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private static RuntimeException unavailable(String action, Throwable failure) {
        return new DependencyUnavailableException("token-service could not be reached, so Hexgate did not "
                + action + "; try again (" + failure.getMessage() + ")", failure);
    }
}
