package io.hexgate.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The TagoIO success envelope: {@code {"status": true, "result": …}}, with an optional warning {@code message}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean status, T result, String message) {

    public static <T> ApiResponse<T> ok(T result) {
        return new ApiResponse<>(true, result, null);
    }

    public static <T> ApiResponse<T> okWithWarning(T result, String warning) {
        return new ApiResponse<>(true, result, warning);
    }
}
