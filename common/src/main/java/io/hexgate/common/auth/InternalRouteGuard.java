package io.hexgate.common.auth;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.Config;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.hexgate.common.api.ApiError;

/**
 * Every {@code /internal/*} route of every service needs a service credential ({@link ServiceCredentials}) of a
 * service allowed to call that route (SPEC §6): 401 without a valid one, 403 for a service not listed in
 * {@code hexgate.internal.routes.<route>}. No other token opens these routes.
 */
public class InternalRouteGuard {

    @Inject
    ServiceCredentials credentials;

    @Inject
    Config config;

    @ServerRequestFilter(preMatching = true)
    public Response guard(ContainerRequestContext request) {
        // The decoded path, slashes folded: /%69nternal/… and //internal/… are internal routes too.
        String path = ("/" + request.getUriInfo().getPath()).replaceAll("/{2,}", "/");
        if (!path.startsWith("/internal/") && !path.equals("/internal")) {
            return null;
        }
        String route = path.length() > "/internal/".length() ? path.substring("/internal/".length()).split("/", 2)[0] : "";
        Optional<String> caller = credentials.callerOf(request.getHeaderString(ServiceCredentials.HEADER));
        if (caller.isEmpty()) {
            return refuse(401, "internal routes need a service credential in the " + ServiceCredentials.HEADER + " header");
        }
        return callers(route).contains(caller.get()) ? null
                : refuse(403, "the service " + caller.get() + " may not call /internal/" + route);
    }

    /** {@code hexgate.internal.routes.<route>}: the services that may call the route; none when it is not set. */
    private List<String> callers(String route) {
        return route.isEmpty() ? List.of()
                : config.getOptionalValues("hexgate.internal.routes." + route, String.class).orElse(List.of());
    }

    private static Response refuse(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(message)).build();
    }
}
