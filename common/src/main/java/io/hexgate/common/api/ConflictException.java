package io.hexgate.common.api;

/** 409: the request conflicts with existing state (a duplicate serial, a network that still has devices). */
public final class ConflictException extends ApiException {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }
}
