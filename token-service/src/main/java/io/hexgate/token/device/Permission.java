package io.hexgate.token.device;

import java.util.Locale;

import io.hexgate.common.api.InvalidRequestException;

/** What a token may do (SPEC §2.7). */
public enum Permission {
    FULL, WRITE, READ, DENY;

    /** Absent means {@code full}; anything else than the four names is a 400 naming {@code permission}. */
    public static Permission parse(String value) {
        if (value == null || value.isBlank()) {
            return FULL;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field("permission", "permission: '" + value
                    + "' is not one of full, write, read, deny");
        }
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
