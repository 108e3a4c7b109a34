package io.hexgate.common.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as TagoIO's API writes them: ISO-8601 (with an offset or {@code Z}; without one, UTC; a date alone is
 * its midnight UTC), and relative amounts such as {@code 3 months} or {@code 1 day} (token expiry, data
 * queries). Callers own the error message: each names its own field.
 */
public final class TagoTime {

    private static final Pattern RELATIVE = Pattern.compile(
            "(\\d{1,6})\\s*(second|minute|hour|day|week|month|year)s?(\\s+ago)?", Pattern.CASE_INSENSITIVE);

    private TagoTime() {
    }

    /** An ISO-8601 date-time or date, or empty when the text is neither. */
    public static Optional<Instant> parseIso(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException ignored) {
            // without an offset?
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // a date alone?
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code N unit[s]} (second to year, an optional {@code ago}), or empty when the text is not one. */
    public static Optional<Amount> relative(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = RELATIVE.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        ChronoUnit unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "second" -> ChronoUnit.SECONDS;
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            default -> ChronoUnit.YEARS;
        };
        return Optional.of(new Amount(Long.parseLong(matcher.group(1)), unit));
    }

    /** A relative amount of time; months and years are calendar months and years (in UTC). */
    public record Amount(long amount, ChronoUnit unit) {

        public Instant before(Instant now) {
            return now.atZone(ZoneOffset.UTC).minus(amount, unit).toInstant();
        }

        public Instant after(Instant now) {
            return now.atZone(ZoneOffset.UTC).plus(amount, unit).toInstant();
        }
    }
}
