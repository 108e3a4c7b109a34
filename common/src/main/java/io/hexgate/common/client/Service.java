package io.hexgate.common.client;

/**
 * A Hexgate service that others call, by its application name: the audience of the service credential a call
 * carries, and the name an answer's failure is reported under.
 */
public enum Service {
    TOKEN_SERVICE("token-service"),
    NETWORK_SERVICE("network-service"),
    PARSER_WORKER("parser-worker");

    private final String applicationName;

    Service(String applicationName) {
        this.applicationName = applicationName;
    }

    /** The service's {@code quarkus.application.name}. */
    public String applicationName() {
        return applicationName;
    }

    @Override
    public String toString() {
        return applicationName;
    }
}
