package io.hexgate.token.internal;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.token.device.DeviceTokenService;
import io.smallrye.mutiny.Uni;

/**
 * Cluster-internal device-token API for network-service (not routed by the gateway; on Kubernetes a
 * NetworkPolicy keeps it inside the namespace): the first token of a new device, and revocation of a deleted
 * device's tokens.
 */
@Path("/internal/device-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Cluster-internal, not routed by the gateway")
public class InternalDeviceTokenResource {

    @Inject
    DeviceTokenService tokens;

    public record IssueRequest(String device, String network, String connector, String profile, String serieNumber,
                               String name, String permission, String expireTime) {
    }

    public record RevokeRequest(List<String> devices) {
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Issue a device token for a device network-service is creating")
    public Uni<DeviceTokenService.Issued> issue(IssueRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request == null || request.device() == null || request.network() == null || request.profile() == null) {
            errors.add("device", "device, network and profile are required");
        }
        errors.throwIfAny();
        return tokens.issue(new DeviceTokenService.DeviceRef(request.device(), request.network(), request.connector(),
                request.profile(), request.serieNumber()), request.name(), request.permission(), request.expireTime());
    }

    @POST
    @Path("/revoke")
    @ResponseStatus(204)
    @Operation(summary = "Revoke every token of the given devices")
    public Uni<Void> revoke(RevokeRequest request) {
        List<String> devices = request == null || request.devices() == null ? List.of() : request.devices();
        return tokens.revokeAllOf(devices).replaceWithVoid();
    }
}
