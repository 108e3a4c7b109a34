package io.hexgate.common.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.hexgate.common.auth.InactiveReason;

/**
 * token-service's answer to {@code POST /internal/introspect} (SPEC §3.2): whether the token is {@code active}
 * now, its {@code kind} ({@code device}, {@code network} or {@code profile}), what it belongs to, its
 * {@code permission}, when it expires (epoch milliseconds, null: never) and, when inactive, the {@code reason}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Introspection(boolean active, TokenKind kind, String device, String network, String connector, String profile,
                            String permission, Long expiresAt, InactiveReason reason) {

    /** {@code {token}}: what the caller asks about. */
    public record Question(String token) {
    }
}
