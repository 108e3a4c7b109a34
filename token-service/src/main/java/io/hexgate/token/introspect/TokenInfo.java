package io.hexgate.token.introspect;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.hexgate.common.auth.InactiveReason;
import io.hexgate.common.contract.Introspection;
import io.hexgate.common.contract.TokenKind;

/**
 * What a token is (SPEC §3.2 introspection): {@code kind} {@code device}, {@code network}, {@code profile} or
 * {@code service_authorization},
 * what it belongs to and what it may do. {@code active} is false for an unknown, expired or revoked token, and
 * for the token of an inactive device, and {@code reason} says which ({@link InactiveReason}). {@code expiresAt} is
 * epoch milliseconds (null: never).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenInfo(boolean active, TokenKind kind, String device, String network, String connector, String profile,
                        String permission, Long expiresAt, String hash, InactiveReason reason) {

    public static TokenInfo inactive(InactiveReason reason) {
        return new TokenInfo(false, null, null, null, null, null, null, null, null, reason);
    }

    /** The same token judged now: an expired one becomes inactive. */
    public TokenInfo at(long nowMillis) {
        if (active && expiresAt != null && expiresAt <= nowMillis) {
            return inactive(InactiveReason.EXPIRED);
        }
        return this;
    }

    /** The introspection's answer: all but the hash, which is for token-service's own bookkeeping. */
    public Introspection forCaller() {
        return new Introspection(active, kind, device, network, connector, profile, permission, expiresAt, reason);
    }
}
