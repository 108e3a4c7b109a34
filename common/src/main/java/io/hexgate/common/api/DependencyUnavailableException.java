package io.hexgate.common.api;

/** 503: a dependency (Kafka, token-service) is unreachable, so nothing was accepted. */
public final class DependencyUnavailableException extends ApiException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 503;
    }
}
