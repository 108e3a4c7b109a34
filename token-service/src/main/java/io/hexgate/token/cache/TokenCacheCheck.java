package io.hexgate.token.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether the Redis cache is in use. Always UP: with Redis down token-service still answers correctly
 * from PostgreSQL, so taking the pod out of service would only make things worse.
 */
@Readiness
@ApplicationScoped
public class TokenCacheCheck implements HealthCheck {

    @Inject
    TokenCache cache;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("token-cache").up()
                .withData("mode", cache.isDegraded() ? "degraded: answering from PostgreSQL" : "redis").build();
    }
}
