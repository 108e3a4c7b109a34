package io.hexgate.common.client;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the other Hexgate services answer their internal APIs: {@code hexgate.<service>.url} (environment
 * HEXGATE_TOKEN_SERVICE_URL, HEXGATE_NETWORK_SERVICE_URL, HEXGATE_PARSER_WORKER_URL).
 */
@ApplicationScoped
public class ServiceUrls {

    /** token-service: introspection, device tokens. */
    @ConfigMapping(prefix = "hexgate.token-service")
    public interface TokenService {
        /** The base URL of token-service. */
        @WithDefault("http://127.0.0.1:8082")
        URI url();
    }

    /** network-service: the registry's devices. */
    @ConfigMapping(prefix = "hexgate.network-service")
    public interface NetworkService {
        /** The base URL of network-service. */
        @WithDefault("http://127.0.0.1:8081")
        URI url();
    }

    /** parser-worker: the owner of the stored data. */
    @ConfigMapping(prefix = "hexgate.parser-worker")
    public interface ParserWorker {
        /** The base URL of parser-worker. */
        @WithDefault("http://127.0.0.1:8084")
        URI url();
    }

    @Inject
    TokenService tokenService;

    @Inject
    NetworkService networkService;

    @Inject
    ParserWorker parserWorker;

    /** The base URL of the service. */
    public URI of(Service service) {
        return switch (service) {
            case TOKEN_SERVICE -> tokenService.url();
            case NETWORK_SERVICE -> networkService.url();
            case PARSER_WORKER -> parserWorker.url();
        };
    }
}
