package io.hexgate.common.api;

/** 404: no such resource, or one the caller may not see (never 403, so ids cannot be probed). */
public final class ResourceNotFoundException extends ApiException {

    public ResourceNotFoundException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 404;
    }
}
