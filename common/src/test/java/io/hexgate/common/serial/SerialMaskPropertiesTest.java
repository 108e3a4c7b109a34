package io.hexgate.common.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.hexgate.common.serial.SerialMask.SerialCase;

/** Normalisation is idempotent, and every serial a mask generates is accepted and stores its keyword part. */
class SerialMaskPropertiesTest {

    record Example(SerialMask mask, String input, String keywordPart) {
    }

    @Property(tries = 500)
    void everyGeneratedSerialRoundTrips(@ForAll("examples") Example example) {
        String stored = example.mask().normalise(example.input());
        String expected = switch (example.mask().serialCase()) {
            case UPPER -> example.keywordPart().toUpperCase();
            case LOWER -> example.keywordPart().toLowerCase();
            case NONE -> example.keywordPart();
        };
        assertEquals(expected, stored);
    }

    @Property(tries = 500)
    void normalisingTwiceChangesNothingForKeywordOnlyMasks(@ForAll("keywordOnly") Example example) {
        String once = example.mask().normalise(example.input());
        assertEquals(once, example.mask().normalise(once));
    }

    @Property(tries = 300)
    void emptyMaskIsIdempotentOnPrintableAscii(@ForAll("printable") String input, @ForAll SerialCase serialCase) {
        SerialMask free = new SerialMask("", serialCase);
        String once = free.normalise(input);
        assertEquals(once, free.normalise(once));
        assertTrue(free.accepts(once));
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(100);
    }

    @Provide
    Arbitrary<Example> examples() {
        return examplesOf("FA0P-:x");
    }

    @Provide
    Arbitrary<Example> keywordOnly() {
        return examplesOf("FA0P");
    }

    /** A random mask over {@code alphabet}, a random input it accepts (hyphens randomly kept), and its keyword part. */
    private Arbitrary<Example> examplesOf(String alphabet) {
        Arbitrary<String> masks = Arbitraries.strings().withChars(alphabet.toCharArray()).ofMinLength(1).ofMaxLength(30)
                .filter(mask -> mask.chars().anyMatch(c -> "FA0P".indexOf(c) >= 0));
        return Combinators.combine(masks, Arbitraries.of(SerialCase.values()), Arbitraries.randoms())
                .as((mask, serialCase, random) -> {
                    StringBuilder input = new StringBuilder();
                    StringBuilder keywords = new StringBuilder();
                    for (char m : mask.toCharArray()) {
                        String pool = switch (m) {
                            case 'F' -> "0123456789abcdefABCDEF";
                            case 'A' -> "abcxyzABCXYZ";
                            case '0' -> "0123456789";
                            case 'P' -> "09azAZ";
                            default -> null;
                        };
                        if (pool != null) {
                            char c = pool.charAt(random.nextInt(pool.length()));
                            input.append(c);
                            keywords.append(c);
                        } else if (m != '-' || random.nextBoolean()) {
                            input.append(m);
                        }
                    }
                    return new Example(new SerialMask(mask, serialCase), input.toString(), keywords.toString());
                });
    }
}
