package io.hexgate.common.client;

import java.util.Locale;

/**
 * A Hexgate service that others call, by its application name (the constant's name in lower case, dashed): the
 * audience of the service credential a call carries, and the name an answer's failure is reported under.
 */
public enum Service {
    TOKEN_SERVICE,
    NETWORK_SERVICE,
    PARSER_WORKER;

    /** The service's {@code quarkus.application.name}: {@code token-service}, {@code network-service}, {@code parser-worker}. */
    public String applicationName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return applicationName();
    }
}
