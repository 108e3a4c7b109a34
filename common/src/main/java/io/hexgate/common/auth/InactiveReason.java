package io.hexgate.common.auth;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why token-service's introspection (SPEC §3.2) answered a token inactive: the {@code reason} of its answer, on the
 * wire as the lower-case name ({@code device_inactive}). Callers decide on this value, never on a message's
 * wording; {@link #text()} is what a caller may show.
 */
public enum InactiveReason {
    /** The request carried no token. */
    NO_TOKEN("no token given"),
    /** A profile token that does not verify: a bad signature, another issuer, expired. */
    INVALID("the profile token is invalid or expired"),
    /** A profile token on the revocation list. */
    REVOKED("the profile token was revoked"),
    /** A device or network token that is not (or no longer) known: never issued, revoked, its device deleted. */
    UNKNOWN("unknown or revoked token"),
    /** A device or network token past its expire_time. */
    EXPIRED("the token expired"),
    /** A valid device token whose device is inactive: its data is refused with 403, not 401. */
    DEVICE_INACTIVE("the device is inactive"),
    /** token-service's cache held an entry it could not read. */
    UNREADABLE("unreadable cache entry");

    private final String text;

    InactiveReason(String text) {
        this.text = text;
    }

    /** What a caller may show (in a 401's message, say). */
    public String text() {
        return text;
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The reason of an answer's {@code reason}: its code, or the text an earlier token-service wrote there (a cache
     * entry from before the codes); null for none, {@link #UNKNOWN} for anything else — an inactive token stays
     * inactive whatever its reason says.
     */
    @JsonCreator
    public static InactiveReason of(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (InactiveReason reason : values()) {
            if (reason.code().equals(value) || reason.text.equals(value)) {
                return reason;
            }
        }
        return UNKNOWN;
    }
}
