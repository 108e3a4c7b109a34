package io.hexgate.common.auth;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

/**
 * Reads a token the way TagoIO's API and SDK send it: the headers {@code Authorization} ({@code Bearer X} or a
 * bare {@code X}), {@code token} (what the official SDK sends), {@code Device-Token}, {@code Profile-Token},
 * {@code Account-Token}, then the {@code token} query parameter — the first non-blank one wins.
 */
public final class TokenHeaders {

    /** Header names after {@code Authorization}, in the order they are tried (HTTP names are case-insensitive). */
    public static final List<String> ALIASES = List.of("token", "Device-Token", "Profile-Token", "Account-Token");

    /** The query parameter tried last. */
    public static final String QUERY_PARAMETER = "token";

    private static final String BEARER = "bearer ";

    private TokenHeaders() {
    }

    /**
     * @param header a case-insensitive header lookup returning null when absent
     * @param query a query-parameter lookup returning null when absent
     */
    public static Optional<String> find(Function<String, String> header, Function<String, String> query) {
        String authorization = trimmed(header.apply("Authorization"));
        if (authorization != null && !authorization.equalsIgnoreCase(BEARER.strip())) {
            String token = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? trimmed(authorization.substring(BEARER.length()))
                    : authorization;
            if (token != null) {
                return Optional.of(token);
            }
        }
        for (String alias : ALIASES) {
            String token = trimmed(header.apply(alias));
            if (token != null) {
                return Optional.of(token);
            }
        }
        return Optional.ofNullable(trimmed(query.apply(QUERY_PARAMETER)));
    }

    /** The token of a JAX-RS request; the query is parsed only when no header carries one. */
    public static Optional<String> find(HttpHeaders headers, UriInfo uri) {
        return find(headers::getHeaderString, name -> uri.getQueryParameters().getFirst(name));
    }

    /**
     * A service authorization starts with {@code at}, which no device token (hex), network token ({@code n-}) or
     * profile token (a JWT, {@code eyJ}) does: the one place that tells it apart.
     */
    public static boolean looksLikeServiceAuthorization(String token) {
        return token != null && token.startsWith("at");
    }

    /** A profile token is a JWT (three dot-separated parts); device and network tokens never contain a dot. */
    public static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first + 1 && token.chars().filter(c -> c == '.').count() == 2;
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
