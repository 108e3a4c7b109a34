package io.hexgate.common.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Asks token-service's {@code POST /internal/introspect} what a token is; fails when token-service cannot be
 * asked.
 */
@ApplicationScoped
public class TokenIntrospection {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @ConfigProperty(name = "hexgate.token-service.url", defaultValue = "http://127.0.0.1:8082")
    String tokenService;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceCredentials credentials;

    /** token-service's answer: {@code {active, kind, device, network, connector, profile, permission, reason}}. */
    public Uni<JsonNode> introspect(String token) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(tokenService + "/internal/introspect"))
                    .timeout(Duration.ofSeconds(2)).header("Content-Type", "application/json")
                    .header(ServiceCredentials.HEADER, credentials.credentialFor("token-service"))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("token", token))))
                    .build();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return InternalCall.send(http, request).map(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token-service answered " + response.statusCode() + " to an introspection");
            }
            try {
                return json.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("token-service's introspection is not JSON", e);
            }
        });
    }
}
