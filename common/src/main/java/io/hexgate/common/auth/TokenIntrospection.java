package io.hexgate.common.auth;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.client.Service;
import io.hexgate.common.client.ServiceClients;
import io.hexgate.common.client.TokenServiceApi;
import io.hexgate.common.contract.Introspection;
import io.smallrye.mutiny.Uni;

/**
 * Asks token-service's {@code POST /internal/introspect} what a token is; fails (503) when token-service cannot be
 * asked.
 */
@ApplicationScoped
public class TokenIntrospection {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    ServiceClients clients;

    private TokenServiceApi tokenService;

    @PostConstruct
    void connect() {
        tokenService = clients.of(TokenServiceApi.class, Service.TOKEN_SERVICE, TIMEOUT);
    }

    /** token-service's answer about the token. */
    public Uni<Introspection> introspect(String token) {
        return tokenService.introspect(new Introspection.Question(token));
    }
}
