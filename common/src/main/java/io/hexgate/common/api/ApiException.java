package io.hexgate.common.api;

import java.util.Map;

/**
 * A failure the API answers with a 4xx or 503 in the TagoIO envelope. One subtype per failure kind; the
 * message says what was wrong, where, and what is allowed, since it is shown to the caller as it is.
 */
public abstract sealed class ApiException extends RuntimeException
        permits InvalidRequestException, AuthenticationRequiredException, AccessDeniedException,
        ResourceNotFoundException, ConflictException, PayloadTooLargeException, RateLimitedException,
        DependencyUnavailableException {

    protected ApiException(String message) {
        super(message, null, false, false);
    }

    protected ApiException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The HTTP status this failure is answered with. */
    public abstract int status();

    /** Per-field messages for validation failures; empty otherwise. */
    public Map<String, String> fieldErrors() {
        return Map.of();
    }
}
