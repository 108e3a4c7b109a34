package io.hexgate.common.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** hexgate.parser.max-source-bytes is 1 kB to 512 kB: a registry change carrying the parser must fit one Kafka record. */
class ParserSourceLimitTest {

    @ParameterizedTest
    @ValueSource(ints = { 0, 1023, 524_289, Integer.MAX_VALUE })
    void aLimitOutsideItsRangeStopsTheStartNamingTheSetting(int bytes) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ParserSourceLimit.check(bytes));
        assertEquals("hexgate.parser.max-source-bytes is " + bytes + ": a parser's source limit must be between 1024 and"
                + " 524288 bytes (a registry change carrying the parser must fit one Kafka record)", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = { 1024, 65_536, 262_144, 524_288 })
    void aLimitInItsRangeIsTaken(int bytes) {
        assertDoesNotThrow(() -> ParserSourceLimit.check(bytes));
    }
}
