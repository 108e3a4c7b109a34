package io.hexgate.common.api;

/** 403: the token is valid but does not allow this action. */
public final class AccessDeniedException extends ApiException {

    public AccessDeniedException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 403;
    }
}
