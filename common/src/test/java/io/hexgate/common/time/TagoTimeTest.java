package io.hexgate.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagoTimeTest {

    private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "2026-01-31T12:00:00Z, 2026-01-31T12:00:00Z",
            "2026-01-31T12:00:00-03:00, 2026-01-31T15:00:00Z",
            "2026-01-31T12:00:00.250Z, 2026-01-31T12:00:00.250Z",
            "2026-01-31T12:00:00, 2026-01-31T12:00:00Z",
            "2026-01-31, 2026-01-31T00:00:00Z",
            "' 2026-01-31 ', 2026-01-31T00:00:00Z"})
    void readsIsoDatesAndDateTimes(String text, String expected) {
        assertEquals(Instant.parse(expected), TagoTime.parseIso(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "yesterday", "31/01/2026", "2026-13-01", "1 day", "2026-01-31T25:00:00Z" })
    void rejectsWhatIsNotIso(String text) {
        assertTrue(TagoTime.parseIso(text).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
            "1 day, 2026-03-30T12:00:00Z, 2026-04-01T12:00:00Z",
            "3 hours, 2026-03-31T09:00:00Z, 2026-03-31T15:00:00Z",
            "2 weeks ago, 2026-03-17T12:00:00Z, 2026-04-14T12:00:00Z",
            "1 month, 2026-02-28T12:00:00Z, 2026-04-30T12:00:00Z",
            "1 YEAR, 2025-03-31T12:00:00Z, 2027-03-31T12:00:00Z",
            "30seconds, 2026-03-31T11:59:30Z, 2026-03-31T12:00:30Z"})
    void readsRelativeAmountsInCalendarUnits(String text, String before, String after) {
        TagoTime.Amount amount = TagoTime.relative(text).orElseThrow();
        assertEquals(Instant.parse(before), amount.before(NOW));
        assertEquals(Instant.parse(after), amount.after(NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "day", "1 fortnight", "-1 day", "1.5 days", "last tuesday" })
    void rejectsWhatIsNotARelativeAmount(String text) {
        assertTrue(TagoTime.relative(text).isEmpty());
    }
}
