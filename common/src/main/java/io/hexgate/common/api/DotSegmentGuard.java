package io.hexgate.common.api;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * A path with a dot segment ({@code .} or {@code ..}, plain or percent-encoded) is refused with a 400 before any
 * route matches: normalised by a proxy or a router, {@code DELETE /device/{id}/params/%2e%2e} would delete the device.
 * No Hexgate id or path parameter is a dot segment.
 */
public class DotSegmentGuard {

    private static final Pattern DOT_SEGMENT = Pattern.compile("(?i)(^|/)(\\.|%2e){1,2}(/|$)");

    @ServerRequestFilter(preMatching = true)
    public Response refuseDotSegments(HttpServerRequest request) {
        // the request line as it came (a router may already have resolved the dot segments of its path)
        String uri = request.uri();
        int query = uri == null ? -1 : uri.indexOf('?');
        String raw = query >= 0 ? uri.substring(0, query) : uri;
        if (raw == null || !DOT_SEGMENT.matcher(raw).find()) {
            return null;
        }
        String message = "path: '" + raw + "' has a dot segment (. or ..), which no route accepts";
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(message, Map.of("path", message))).build();
    }
}
