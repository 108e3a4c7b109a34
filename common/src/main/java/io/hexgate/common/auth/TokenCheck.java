package io.hexgate.common.auth;

import io.hexgate.common.api.AccessDeniedException;
import io.hexgate.common.api.AuthenticationRequiredException;
import io.hexgate.common.contract.Introspection;
import io.hexgate.common.contract.TokenKind;

/**
 * The one rule of what a device or network token may do (SPEC §2.7), for every service that judges one: it is
 * active (401 otherwise; 403 for the token of an inactive device, whose data is refused), of the kind the route
 * needs (401), and its permission allows the use — {@code deny} allows nothing, {@code read} no writing (403).
 */
public final class TokenCheck {

    private TokenCheck() {
    }

    /**
     * @param kind    the kind of token the route needs
     * @param writing whether the use writes (posting data, or obtaining a token that writes)
     * @param use     what the route does, for the message of a permission that does not allow it ("posting data")
     */
    public static void require(Introspection token, TokenKind kind, boolean writing, String use) {
        if (!token.active()) {
            if (token.reason() == InactiveReason.DEVICE_INACTIVE) {
                throw new AccessDeniedException("the device is inactive: its data is refused until it is activated");
            }
            throw new AuthenticationRequiredException("the " + kind + " token is not accepted ("
                    + (token.reason() == null ? "not valid" : token.reason().text()) + ")");
        }
        if (kind != token.kind()) {
            throw new AuthenticationRequiredException(use + " needs a " + kind + " token, not a " + token.kind() + " token");
        }
        String permission = String.valueOf(token.permission());
        if (permission.equals("deny")) {
            throw new AccessDeniedException("the token's permission is 'deny'");
        }
        if (writing && !permission.equals("full") && !permission.equals("write")) {
            throw new AccessDeniedException("the token's permission is '" + permission + "'; " + use
                    + " needs 'write' or 'full'");
        }
    }

    /**
     * The profile a service authorization names, given as {@code authorization} (of resolve, or of network-level
     * data): 401 when it is not active, 403 when its permission does not allow writing (what it names the profile
     * for ends in stored data or a device token that writes).
     */
    public static String profileNamedBy(Introspection authorization) {
        if (!authorization.active() || authorization.kind() != TokenKind.SERVICE_AUTHORIZATION) {
            throw new AuthenticationRequiredException("authorization: the service authorization is not accepted ("
                    + (authorization.reason() == null ? "not valid" : authorization.reason().text()) + ")");
        }
        String permission = String.valueOf(authorization.permission());
        if (!permission.equals("full") && !permission.equals("write")) {
            throw new AccessDeniedException("authorization: the service authorization's permission is '" + permission
                    + "'; naming the profile of an uplink or a resolve needs 'write' or 'full'");
        }
        return authorization.profile();
    }
}
