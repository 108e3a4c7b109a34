package io.hexgate.common.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The TagoIO error envelope: {@code {"status": false, "message": …}} plus, for validation errors,
 * {@code "field_errors": {field: message}}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(boolean status, String message, Map<String, String> fieldErrors) {

    /** A value quoted in a message is shown up to this many characters (a 300 kB name is not echoed back). */
    static final int SHOWN = 60;
    /** Longer runs without a space or quote, such as an id that is not one, are cut the same way. */
    private static final Pattern LONG_QUOTED = Pattern.compile("'([^']{" + SHOWN + "})[^']{20,}'");
    private static final Pattern LONG_WORD = Pattern.compile("([^\\s']{" + SHOWN + "})[^\\s']{20,}");
    /** Whatever a message holds, the envelope carries at most this many characters of it. */
    static final int MAX_MESSAGE = 2000;

    public static ApiError of(String message) {
        return new ApiError(false, readable(message), Map.of());
    }

    public static ApiError of(String message, Map<String, String> fieldErrors) {
        Map<String, String> fields = new LinkedHashMap<>();
        fieldErrors.forEach((field, error) -> fields.put(readable(field), readable(error)));
        return new ApiError(false, readable(message), fields);
    }

    /**
     * The message with every long value it quotes cut to its first {@value #SHOWN} characters and "…": it still names
     * the field, the start of the value and the rule, without echoing a huge value back to the caller.
     */
    static String readable(String message) {
        if (message == null || message.length() <= SHOWN + 20) {
            return message;
        }
        String clipped = LONG_QUOTED.matcher(message).replaceAll(match -> Matcher.quoteReplacement("'" + match.group(1) + "…'"));
        clipped = LONG_WORD.matcher(clipped).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "…"));
        return clipped.length() <= MAX_MESSAGE ? clipped : clipped.substring(0, MAX_MESSAGE) + "…";
    }
}
