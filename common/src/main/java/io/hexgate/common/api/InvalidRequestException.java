package io.hexgate.common.api;

import java.util.Map;

/** 400: a bad body or query; {@link #fieldErrors()} names each offending field. */
public final class InvalidRequestException extends ApiException {

    private final Map<String, String> fieldErrors;

    public InvalidRequestException(String message) {
        this(message, Map.of());
    }

    public InvalidRequestException(String message, Map<String, String> fieldErrors) {
        super(message);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /** A single invalid field: the message is also the envelope's message. */
    public static InvalidRequestException field(String field, String message) {
        return new InvalidRequestException(message, Map.of(field, message));
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
