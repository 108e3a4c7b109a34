package io.hexgate.token.resolve;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.auth.TokenHeaders;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /integration/network/resolve/{serial_number}[/{authorization}]} with a network token in a header
 * (SPEC §3.2): the device token of the device with that serial on the token's network.
 */
@Path("/integration/network/resolve")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resolve", description = "Serial number → device token, for network servers")
@APIResponse(responseCode = "200", description = "{status: true, result: \"<device token>\"}")
@APIResponse(responseCode = "400", description = "The serial does not match the network's format (the position is named)")
@APIResponse(responseCode = "401", description = "Missing, unknown, expired or revoked network token")
@APIResponse(responseCode = "403", description = "The serial is on another network of the same owner, or the token's permission is deny")
@APIResponse(responseCode = "404", description = "No device with that serial on the token's network")
@APIResponse(responseCode = "409", description = "The serial exists in several profiles: add /{authorization}")
@APIResponse(responseCode = "429", description = "Rate limit of the network token exceeded (Retry-After)")
public class ResolveResource {

    @Inject
    Resolver resolver;

    @GET
    @Path("/{serial}")
    @Operation(summary = "Resolve a serial on the network token's network")
    public Uni<ApiResponse<String>> resolve(@PathParam("serial") String serial, HttpHeaders headers, UriInfo uri) {
        return resolver.resolve(networkToken(headers, uri), serial, null).map(ApiResponse::ok);
    }

    @GET
    @Path("/{serial}/{authorization}")
    @Operation(summary = "Resolve a serial within one profile, named by its profile token")
    public Uni<ApiResponse<String>> resolveWithin(@PathParam("serial") String serial,
                                                  @PathParam("authorization") String authorization,
                                                  HttpHeaders headers, UriInfo uri) {
        return resolver.resolve(networkToken(headers, uri), serial, authorization).map(ApiResponse::ok);
    }

    private static String networkToken(HttpHeaders headers, UriInfo uri) {
        return TokenHeaders.find(headers, uri).orElse(null);
    }
}
