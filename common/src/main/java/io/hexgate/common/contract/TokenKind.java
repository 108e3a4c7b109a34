package io.hexgate.common.contract;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a token is (SPEC §2.7): a device's, a network's (an LNS's), a profile's (a person's JWT), or a profile's
 * service authorization (an LNS webhook's, naming the profile).
 */
public enum TokenKind {
    DEVICE,
    NETWORK,
    PROFILE,
    SERVICE_AUTHORIZATION;

    /** As the introspection writes it: {@code device}, {@code network}, {@code profile}, {@code service_authorization}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }

    /** The kind of a code; null for none or one this version does not know (never the kind a route needs). */
    @JsonCreator
    public static TokenKind of(String code) {
        for (TokenKind kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        return null;
    }
}
