package io.hexgate.common.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.serial.SerialMask.SerialCase;

class SerialMaskTest {

    private static final SerialMask EUI = new SerialMask("FF-FF-FF-FF-FF-FF-FF-FF", SerialCase.UPPER);

    @ParameterizedTest
    @CsvSource({
            "FF-FF-FF-FF-FF-FF-FF-FF, upper, 08-86-ab-56-82-6c-f2-ee, 0886AB56826CF2EE",
            "FF-FF-FF-FF-FF-FF-FF-FF, upper, 0886ab56826cf2ee, 0886AB56826CF2EE",
            "FF-FF-FF-FF-FF-FF-FF-FF, upper, 0886-ab56826c-f2ee, 0886AB56826CF2EE",
            "FFFFFFFFFFFFFFFF, lower, 0886AB56826CF2EE, 0886ab56826cf2ee",
            "ff-ff-ff-ff-ff-ff-ff-ff, '', 08-86-Ab-56-82-6c-f2-ee, 0886Ab56826cf2ee",
            "urn:uuid:PPPPPPPP-PPPP-PPPP-PPPP-PPPPPPPPPPPP, lower, urn:uuid:123E4567-E89B-12D3-A456-426614174000, 123e4567e89b12d3a456426614174000",
            "urn:uuid:PPPPPPPP-PPPP-PPPP-PPPP-PPPPPPPPPPPP, lower, URN:UUID:123e4567e89b12d3a456426614174000, 123e4567e89b12d3a456426614174000",
            "AA00, upper, ab12, AB12",
            "'', '', any-Serial_01, any-Serial_01",
            "'', upper, abc, ABC"})
    void normalisesAcceptedSerials(String mask, String serialCase, String input, String stored) {
        assertEquals(stored, new SerialMask(mask, SerialCase.parse(serialCase)).normalise(input));
    }

    @Test
    void namesThePositionAndWhatWasExpected() {
        InvalidSerialException e = assertThrows(InvalidSerialException.class, () -> EUI.normalise("08-86-XB-56-82-6c-f2-ee"));
        assertEquals("serial '08-86-XB-56-82-6c-f2-ee' does not match 'FF-FF-FF-FF-FF-FF-FF-FF': "
                + "character 7 'X' must be hexadecimal", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "0886ab56826cf2e, too short",
            "0886ab56826cf2eeff, too long",
            "0886ab56826cf2e-, character 16 '-' must be hexadecimal",
            "08_86ab56826cf2ee, character 3 '_' must be hexadecimal"})
    void rejectsWrongLengthsAndCharacters(String input, String reason) {
        InvalidSerialException e = assertThrows(InvalidSerialException.class, () -> EUI.normalise(input));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void literalsAreRequired() {
        SerialMask urn = new SerialMask("urn:uuid:PPPP", SerialCase.NONE);
        InvalidSerialException e = assertThrows(InvalidSerialException.class, () -> urn.normalise("urn-uuid:abcd"));
        assertTrue(e.getMessage().contains("character 4 '-' must be ':'"), e.getMessage());
    }

    @Test
    void emptyMaskAcceptsOneToHundredPrintableCharacters() {
        SerialMask free = SerialMask.none();
        assertEquals("x".repeat(100), free.normalise("x".repeat(100)));
        assertThrows(InvalidSerialException.class, () -> free.normalise("x".repeat(101)));
        assertThrows(InvalidSerialException.class, () -> free.normalise(""));
        assertThrows(InvalidSerialException.class, () -> free.normalise("has space"));
        assertThrows(InvalidSerialException.class, () -> free.normalise("tab\tin"));
        assertThrows(InvalidSerialException.class, () -> free.normalise("ünïcode"));
    }

    @Test
    void caseMustBeUpperLowerOrEmpty() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SerialCase.parse("UPPER"));
        assertEquals("serial_number.case: 'UPPER' is not allowed; use 'upper', 'lower' or empty", e.getMessage());
        assertEquals(SerialCase.NONE, SerialCase.parse(""));
        assertEquals(SerialCase.NONE, SerialCase.parse(null));
    }

    @Test
    void storedSerialsAreCheckedAgainstTheKeywordPartOfAMask() {
        SerialMask urn = new SerialMask("urn:uuid:PPPPPPPP-PPPP-PPPP-PPPP-PPPPPPPPPPPP", SerialCase.LOWER);
        String stored = urn.normalise("urn:uuid:123e4567-e89b-12d3-a456-426614174000");
        assertTrue(urn.acceptsStored(stored));
        assertTrue(EUI.acceptsStored("0886AB56826CF2EE"));
        assertFalse(EUI.acceptsStored("0886ab56826cf2ee"), "not in the mask's case");
        assertFalse(new SerialMask("FFFF", SerialCase.UPPER).acceptsStored("0886AB56826CF2EE"));
    }
}
