package io.hexgate.common.api;

import java.util.regex.Pattern;

/**
 * The shape of every id Hexgate makes (networks, connectors, devices, profiles, data points): 24 lowercase hex
 * characters, ObjectId style. One definition for the checks and for the OpenAPI documents' {@code pattern} and
 * {@code maxLength}, so that what is documented is what is checked.
 */
public final class IdFormat {

    public static final int LENGTH = 24;
    public static final String PATTERN = "[0-9a-f]{24}";
    public static final Pattern REGEX = Pattern.compile(PATTERN);

    private IdFormat() {
    }

    public static boolean isId(String value) {
        return value != null && REGEX.matcher(value).matches();
    }

    /** What a check says of a value that is no id (the envelope cuts a long one: ApiError). */
    public static String notAnId(String value) {
        return "'" + (value == null ? "" : value) + "' is not an id (24 lowercase hexadecimal characters)";
    }

    /** Refuses a value that is no id: a 400 naming the field, the value and the rule. */
    public static void require(String field, String value) {
        if (!isId(value)) {
            throw InvalidRequestException.field(field, field + ": " + notAnId(value));
        }
    }
}
