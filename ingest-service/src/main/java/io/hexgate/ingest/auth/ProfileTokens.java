package io.hexgate.ingest.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.hexgate.common.api.AuthenticationRequiredException;
import io.hexgate.common.auth.ProfileTokenRevocation;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/** The profile a profile token (JWT) names, checked here: signature, expiry and revocation. */
@ApplicationScoped
public class ProfileTokens {

    @Inject
    JWTParser parser;

    @Inject
    ProfileTokenRevocation revocation;

    /**
     * The token's profile; 401 naming {@code field} for a missing, invalid, expired or revoked token.
     */
    public Uni<String> profile(String token, String field) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationRequiredException(field + ": a profile token is required");
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationRequiredException(field + ": the profile token is invalid or expired");
        }
        return revocation.revoked(jwt).map(revoked -> {
            if (revoked) {
                throw new AuthenticationRequiredException(field + ": the profile token was revoked");
            }
            String profile = jwt.getClaim("profile");
            return profile != null ? profile : jwt.getSubject();
        });
    }
}
