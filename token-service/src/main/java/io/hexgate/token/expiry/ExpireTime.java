package io.hexgate.token.expiry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.time.TagoTime;

/**
 * A token's {@code expire_time} (SPEC §2.7): {@code never}, an ISO-8601 date or date-time, or a relative text
 * such as {@code 3 months} or {@code 1 day}. Null means never.
 */
public final class ExpireTime {

    private ExpireTime() {
    }

    /** When the token expires, or null for never; a 400 naming {@code expire_time} otherwise. */
    public static OffsetDateTime parse(String value, Instant now) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("never")) {
            return null;
        }
        return TagoTime.relative(value).map(amount -> amount.after(now))
                .or(() -> TagoTime.parseIso(value))
                .map(instant -> instant.atOffset(ZoneOffset.UTC))
                .orElseThrow(() -> InvalidRequestException.field("expire_time", "expire_time: '" + value.strip()
                        + "' is not 'never', an ISO-8601 date or date-time, or a relative time like '3 months'"));
    }
}
