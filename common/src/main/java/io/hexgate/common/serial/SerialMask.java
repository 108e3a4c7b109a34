package io.hexgate.common.serial;

import java.util.Locale;

import io.hexgate.common.api.InvalidRequestException;

/**
 * A network's serial-number format (SPEC §2.5): a mask of keywords and literals plus a case rule.
 * <ul>
 * <li>{@code F} a hexadecimal digit, {@code A} a letter, {@code 0} a digit, {@code P} a letter or digit;</li>
 * <li>{@code -} a display-only hyphen: optional in input, not stored;</li>
 * <li>anything else: that literal character, required, not stored.</li>
 * </ul>
 * Keywords and literal letters match in any case ({@code ff-ff} is the same mask as {@code FF-FF}).
 * An empty mask accepts any 1–100 printable characters. Normalising applies the case rule to what is stored.
 */
public record SerialMask(String mask, SerialCase serialCase) {

    /** Longest serial accepted by the empty mask, and the longest mask. */
    public static final int MAX_LENGTH = 100;

    public SerialMask {
        mask = mask == null ? "" : mask;
        serialCase = serialCase == null ? SerialCase.NONE : serialCase;
        String problem = maskProblem(mask);
        if (problem != null) {
            throw InvalidRequestException.field("serial_number.mask", "serial_number.mask: " + problem);
        }
    }

    /** What is wrong with a mask a network sets, or null: the one rule for this record and the registry's 400. */
    public static String maskProblem(String mask) {
        return mask != null && mask.length() > MAX_LENGTH
                ? "at most " + MAX_LENGTH + " characters, got " + mask.length() : null;
    }

    /** The mask of a network that sets none. */
    public static SerialMask none() {
        return new SerialMask("", SerialCase.NONE);
    }

    /**
     * Checks {@code input} against the mask and returns what is stored: keyword positions only (no hyphens,
     * no literals), with the case rule applied.
     *
     * @throws InvalidSerialException naming the position, the character and what was expected
     */
    public String normalise(String input) {
        if (input == null || input.isEmpty()) {
            throw new InvalidSerialException(input, mask, "it is empty");
        }
        if (mask.isEmpty()) {
            return normaliseFree(input);
        }
        StringBuilder stored = new StringBuilder(input.length());
        int at = 0;
        for (int m = 0; m < mask.length(); m++) {
            char expected = mask.charAt(m);
            if (expected == '-') {
                if (at < input.length() && input.charAt(at) == '-') {
                    at++;
                }
                continue;
            }
            if (at >= input.length()) {
                throw new InvalidSerialException(input, mask, "it is too short: character " + (at + 1)
                        + " must be " + describe(expected));
            }
            char actual = input.charAt(at);
            if (!matches(expected, actual)) {
                throw new InvalidSerialException(input, mask, "character " + (at + 1) + " '" + actual
                        + "' must be " + describe(expected));
            }
            if (isKeyword(expected)) {
                stored.append(actual);
            }
            at++;
        }
        if (at < input.length()) {
            throw new InvalidSerialException(input, mask, "it is too long: character " + (at + 1) + " '"
                    + input.charAt(at) + "' is past the end of the mask");
        }
        return serialCase.apply(stored.toString());
    }

    /** Whether {@code input} is accepted; for counting stored serials that a new mask no longer matches. */
    public boolean accepts(String input) {
        try {
            normalise(input);
            return true;
        } catch (InvalidSerialException e) {
            return false;
        }
    }

    /**
     * Whether a serial as stored (keyword characters only, case applied) still fits this mask: used when a
     * network's mask changes, to say how many existing devices no longer match.
     */
    public boolean acceptsStored(String stored) {
        if (mask.isEmpty()) {
            return accepts(stored) && normalise(stored).equals(stored);
        }
        StringBuilder keywords = new StringBuilder();
        for (char c : mask.toCharArray()) {
            if (isKeyword(c)) {
                keywords.append(c);
            }
        }
        SerialMask storedForm = new SerialMask(keywords.toString(), serialCase);
        return storedForm.accepts(stored) && storedForm.normalise(stored).equals(stored);
    }

    private String normaliseFree(String input) {
        if (input.length() > MAX_LENGTH) {
            throw new InvalidSerialException(input, mask, "it is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidSerialException(input, mask, "character " + (i + 1)
                        + " is not a printable ASCII character");
            }
        }
        return serialCase.apply(input);
    }

    private static boolean isKeyword(char c) {
        return switch (Character.toUpperCase(c)) {
            case 'F', 'A', '0', 'P' -> true;
            default -> false;
        };
    }

    private static boolean matches(char expected, char actual) {
        return switch (Character.toUpperCase(expected)) {
            case 'F' -> (actual >= '0' && actual <= '9') || (actual >= 'a' && actual <= 'f') || (actual >= 'A' && actual <= 'F');
            case 'A' -> (actual >= 'a' && actual <= 'z') || (actual >= 'A' && actual <= 'Z');
            case '0' -> actual >= '0' && actual <= '9';
            case 'P' -> (actual >= '0' && actual <= '9') || (actual >= 'a' && actual <= 'z') || (actual >= 'A' && actual <= 'Z');
            default -> Character.toLowerCase(actual) == Character.toLowerCase(expected);
        };
    }

    private static String describe(char expected) {
        return switch (Character.toUpperCase(expected)) {
            case 'F' -> "hexadecimal";
            case 'A' -> "a letter";
            case '0' -> "a digit";
            case 'P' -> "a letter or digit";
            default -> "'" + expected + "'";
        };
    }

    /** The {@code case} rule: {@code upper}, {@code lower}, or empty (kept as typed). */
    public enum SerialCase {
        UPPER, LOWER, NONE;

        public static SerialCase parse(String value) {
            if (value == null || value.isEmpty()) {
                return NONE;
            }
            return switch (value) {
                case "upper" -> UPPER;
                case "lower" -> LOWER;
                default -> throw InvalidRequestException.field("serial_number.case", "serial_number.case: " + problem(value));
            };
        }

        /** What is wrong with a case rule a network sets, or null (the one rule for parse and the registry's 400). */
        public static String problem(String value) {
            if (value == null) {
                return null;
            }
            for (SerialCase rule : values()) {
                if (rule.json().equals(value)) {
                    return null; // NONE's form is the empty rule
                }
            }
            return "'" + value + "' is not allowed; use 'upper', 'lower' or empty";
        }

        String apply(String value) {
            return switch (this) {
                case UPPER -> value.toUpperCase(Locale.ROOT);
                case LOWER -> value.toLowerCase(Locale.ROOT);
                case NONE -> value;
            };
        }

        /** The JSON form: {@code upper}, {@code lower} or empty. */
        public String json() {
            return this == NONE ? "" : name().toLowerCase(Locale.ROOT);
        }
    }
}
