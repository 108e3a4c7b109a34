package io.hexgate.common.api;

/** 401: the token is missing, malformed, unknown, revoked or expired. */
public final class AuthenticationRequiredException extends ApiException {

    public AuthenticationRequiredException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 401;
    }
}
