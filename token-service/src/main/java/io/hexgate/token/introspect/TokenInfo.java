package io.hexgate.token.introspect;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a token is (SPEC §3.2 introspection): {@code kind} {@code device}, {@code network} or {@code profile},
 * what it belongs to and what it may do. {@code active} is false for an unknown, expired or revoked token, and
 * for the token of an inactive device. {@code expiresAt} is epoch milliseconds (null: never).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenInfo(boolean active, String kind, String device, String network, String connector, String profile,
                        String permission, Long expiresAt, String hash, String reason) {

    public static TokenInfo inactive(String reason) {
        return new TokenInfo(false, null, null, null, null, null, null, null, null, reason);
    }

    /** The same token judged now: an expired one becomes inactive. */
    public TokenInfo at(long nowMillis) {
        if (active && expiresAt != null && expiresAt <= nowMillis) {
            return inactive("the token expired");
        }
        return this;
    }

    /** Without the hash, which is for token-service's own bookkeeping. */
    public TokenInfo forCaller() {
        return new TokenInfo(active, kind, device, network, connector, profile, permission, expiresAt, null, reason);
    }
}
