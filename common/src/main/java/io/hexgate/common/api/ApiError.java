package io.hexgate.common.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The TagoIO error envelope: {@code {"status": false, "message": …}} plus, for validation errors,
 * {@code "field_errors": {field: message}}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(boolean status, String message, Map<String, String> fieldErrors) {

    public static ApiError of(String message) {
        return new ApiError(false, message, Map.of());
    }

    public static ApiError of(String message, Map<String, String> fieldErrors) {
        return new ApiError(false, message, fieldErrors);
    }
}
