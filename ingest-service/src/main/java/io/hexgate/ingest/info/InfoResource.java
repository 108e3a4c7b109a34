package io.hexgate.ingest.info;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.DependencyUnavailableException;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.common.auth.InternalCall;
import io.hexgate.common.auth.ServiceCredentials;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.ingest.auth.UplinkAuthentication;
import io.smallrye.mutiny.Uni;

/** {@code GET /info} with a device token (SPEC §3.3): the device, as network-service holds it. */
@Path("/info")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class InfoResource {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Inject
    UplinkAuthentication authentication;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceCredentials credentials;

    @ConfigProperty(name = "hexgate.network-service.url", defaultValue = "http://127.0.0.1:8081")
    String networkService;

    @GET
    @Operation(summary = "The device of the token: id, name, network, connector, serial, tags, params, active, times")
    public Uni<ApiResponse<Map<String, Object>>> info(HttpHeaders headers, UriInfo uri) {
        String token = TokenHeaders.find(headers, uri).orElse(null);
        return authentication.readableDevice(token).flatMap(grant -> fetch(grant.device())).map(ApiResponse::ok);
    }

    private Uni<Map<String, Object>> fetch(String device) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(networkService + "/internal/devices/" + device))
                .timeout(Duration.ofSeconds(2)).header(ServiceCredentials.HEADER, credentials.credentialFor("network-service"))
                .GET().build();
        return InternalCall.send(http, request).onFailure().transform(failure -> new DependencyUnavailableException(
                        "network-service could not be asked about the device; retry", failure))
                .map(response -> {
                    if (response.statusCode() == 404) {
                        throw new ResourceNotFoundException("the device of this token no longer exists");
                    }
                    if (response.statusCode() != 200) {
                        throw new DependencyUnavailableException("network-service answered " + response.statusCode(), null);
                    }
                    try {
                        Map<String, Object> details = json.readValue(response.body(), OBJECT);
                        details.remove("version");
                        return details;
                    } catch (Exception e) {
                        throw new DependencyUnavailableException("network-service's answer is not JSON", e);
                    }
                });
    }
}
