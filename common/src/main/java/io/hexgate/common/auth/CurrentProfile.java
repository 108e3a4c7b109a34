package io.hexgate.common.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.hexgate.common.api.AuthenticationRequiredException;

/**
 * The profile (account space) of the request's verified profile token: its {@code profile} claim, else its
 * {@code sub}. Administrators carry the group {@code admin}.
 */
@RequestScoped
public class CurrentProfile {

    /** The JWT group that may set {@code public} on networks and connectors and issue tokens for any profile. */
    public static final String ADMIN_GROUP = "admin";

    @Inject
    JsonWebToken jwt;

    /** The profile id; 401 when the request carries no verified profile token. */
    public String id() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new AuthenticationRequiredException("a profile token is required");
        }
        String profile = jwt.getClaim("profile");
        return profile != null && !profile.isBlank() ? profile : jwt.getSubject();
    }

    /** The id ({@code jti}) of the request's own profile token; null when it has none. */
    public String tokenId() {
        return jwt == null || jwt.getRawToken() == null ? null : jwt.getTokenID();
    }

    public boolean isAdmin() {
        return jwt != null && jwt.getRawToken() != null && jwt.getGroups().contains(ADMIN_GROUP);
    }
}
