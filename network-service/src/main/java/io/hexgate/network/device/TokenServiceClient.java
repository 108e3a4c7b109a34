package io.hexgate.network.device;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.hexgate.common.auth.ServiceCredentials;
import io.smallrye.mutiny.Uni;

/** token-service's cluster-internal device-token API (never routed by the gateway). */
@RegisterRestClient(configKey = "token-service")
@RegisterClientHeaders(TokenServiceClient.Credential.class)
@Path("/internal/device-tokens")
public interface TokenServiceClient {

    /** Every call carries network-service's service credential for token-service. */
    @ApplicationScoped
    class Credential implements ClientHeadersFactory {

        @Inject
        ServiceCredentials credentials;

        @Override
        public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
            headers.putSingle(ServiceCredentials.HEADER, credentials.credentialFor("token-service"));
            return headers;
        }
    }

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
