package io.hexgate.network.device;

import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.smallrye.mutiny.Uni;

/** token-service's cluster-internal device-token API (never routed by the gateway; built by {@code ServiceClients}). */
@Path("/internal/device-tokens")
public interface TokenServiceClient {
    @POST
    Uni<Issued> issue(IssueRequest request);

    @POST
    @Path("/revoke")
    Uni<Void> revoke(RevokeRequest request);

    record IssueRequest(String device, String network, String connector, String profile, String serieNumber,
                        String name, String permission, String expireTime) {
    }

    record Issued(String token) {
    }

    record RevokeRequest(List<String> devices) {
    }
}
