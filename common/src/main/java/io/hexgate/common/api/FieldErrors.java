package io.hexgate.common.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;


/** Collects every invalid field of a request so that one 400 names them all. */
public final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        errors.putIfAbsent(field, field + ": " + message);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(String.join("; ", errors.values()), errors);
        }
    }

    @Override
    public String toString() {
        return errors.entrySet().stream().map(Map.Entry::getValue).collect(Collectors.joining("; "));
    }
}
