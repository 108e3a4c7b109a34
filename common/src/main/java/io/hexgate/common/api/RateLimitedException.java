package io.hexgate.common.api;

/** 429: a rate limit was exceeded; the answer carries {@code Retry-After}. */
public final class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public int status() {
        return 429;
    }

    /** Whole seconds the caller should wait, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
