package io.hexgate.common.api;

/** 413: the request body exceeds its limit. */
public final class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 413;
    }
}
