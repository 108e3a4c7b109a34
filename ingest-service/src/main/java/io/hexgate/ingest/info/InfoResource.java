package io.hexgate.ingest.info;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.common.client.Service;
import io.hexgate.common.client.ServiceClients;
import io.hexgate.common.contract.Introspection;
import io.hexgate.ingest.auth.UplinkAuthentication;
import io.smallrye.mutiny.Uni;

/** {@code GET /info} with a device token (SPEC §3.3): the device, as network-service holds it. */
@Path("/info")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
public class InfoResource {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    UplinkAuthentication authentication;

    @Inject
    ServiceClients clients;

    private NetworkServiceApi networkService;

    @PostConstruct
    void connect() {
        networkService = clients.of(NetworkServiceApi.class, Service.NETWORK_SERVICE, TIMEOUT);
    }

    @GET
    @Operation(summary = "The device of the token: id, name, network, connector, serial, tags, params, active, times",
            description = "With a service authorization (at…): its own record, {type, profile, permission, expire_time}.")
    public Uni<ApiResponse<Map<String, Object>>> info(HttpHeaders headers, UriInfo uri) {
        String token = TokenHeaders.find(headers, uri).orElse(null);
        if (TokenHeaders.looksLikeServiceAuthorization(token)) {
            return authentication.readableServiceAuthorization(token).map(InfoResource::record).map(ApiResponse::ok);
        }
        return authentication.readableDevice(token).flatMap(grant -> fetch(grant.device())).map(ApiResponse::ok);
    }

    private static Map<String, Object> record(Introspection authorization) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", authorization.kind().code());
        record.put("profile", authorization.profile());
        record.put("permission", authorization.permission());
        record.put("expire_time", authorization.expiresAt() == null ? "never" : Instant.ofEpochMilli(authorization.expiresAt()).toString());
        return record;
    }

    private Uni<Map<String, Object>> fetch(String device) {
        return networkService.device(device)
                .onFailure(ResourceNotFoundException.class).transform(gone ->
                        new ResourceNotFoundException("the device of this token no longer exists"))
                .map(details -> {
                    details.remove("version");
                    return details;
                });
    }
}
