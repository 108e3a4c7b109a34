package io.hexgate.common.serial;

import io.hexgate.common.api.InvalidRequestException;

/** A serial that does not match its network's mask; the message names the position and what was expected. */
public final class InvalidSerialException extends RuntimeException {

    private final String input;

    InvalidSerialException(String input, String mask, String reason) {
        super("serial '" + abbreviate(input) + "' does not match '" + abbreviate(mask) + "': " + reason, null, false, false);
        this.input = input;
    }

    public String input() {
        return input;
    }

    /** As the 400 answer for the request field that carried the serial. */
    public InvalidRequestException forField(String field) {
        return InvalidRequestException.field(field, getMessage());
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 40 ? value : value.substring(0, 37) + "…";
    }
}
