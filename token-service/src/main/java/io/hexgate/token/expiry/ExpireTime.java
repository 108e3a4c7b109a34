package io.hexgate.token.expiry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hexgate.common.api.InvalidRequestException;

/**
 * A token's {@code expire_time} (SPEC §2.7): {@code never}, an ISO-8601 date or date-time, or a relative text
 * such as {@code 3 months} or {@code 1 day}. Null means never.
 */
public final class ExpireTime {

    private static final Pattern RELATIVE = Pattern.compile(
            "(\\d{1,4})\\s*(minute|hour|day|week|month|year)s?", Pattern.CASE_INSENSITIVE);

    private ExpireTime() {
    }

    /** When the token expires, or null for never; a 400 naming {@code expire_time} otherwise. */
    public static OffsetDateTime parse(String value, Instant now) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("never")) {
            return null;
        }
        String text = value.strip();
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            OffsetDateTime base = now.atOffset(ZoneOffset.UTC);
            return switch (relative.group(2).toLowerCase(Locale.ROOT)) {
                case "minute" -> base.plusMinutes(amount);
                case "hour" -> base.plusHours(amount);
                case "day" -> base.plusDays(amount);
                case "week" -> base.plusWeeks(amount);
                case "month" -> base.plusMonths(amount);
                default -> base.plusYears(amount);
            };
        }
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDateTime) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                throw InvalidRequestException.field("expire_time", "expire_time: '" + text
                        + "' is not 'never', an ISO-8601 date or date-time, or a relative time like '3 months'");
            }
        }
    }
}
