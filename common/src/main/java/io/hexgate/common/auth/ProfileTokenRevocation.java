package io.hexgate.common.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Checks a verified profile token against token-service's revocation list (SPEC §2.7), through its
 * introspection, remembering each verdict for a second: a revoked token stops working everywhere within about
 * a second, at one call per token per second per service. If token-service cannot be asked, the token is
 * accepted — its signature and expiry were checked here — and a warning is logged (revocation is a second
 * fence; failing closed would stop every management call while token-service restarts). token-service checks
 * its own list directly and switches this off ({@code hexgate.auth.revocation-check=false}).
 */
@ApplicationScoped
public class ProfileTokenRevocation implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(ProfileTokenRevocation.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Cache<String, Boolean> revokedByJti = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1)).maximumSize(100_000).build();

    @ConfigProperty(name = "hexgate.auth.revocation-check", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "hexgate.token-service.url", defaultValue = "http://127.0.0.1:8082")
    String tokenService;

    @Inject
    ObjectMapper json;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!enabled || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getTokenID() == null) {
            return Uni.createFrom().item(identity);
        }
        Boolean known = revokedByJti.getIfPresent(jwt.getTokenID());
        Uni<Boolean> revoked = known != null ? Uni.createFrom().item(known) : ask(jwt);
        return revoked.map(isRevoked -> {
            if (isRevoked) {
                throw new AuthenticationFailedException("the profile token was revoked");
            }
            return identity;
        });
    }

    private Uni<Boolean> ask(JsonWebToken jwt) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(tokenService + "/internal/introspect"))
                    .timeout(Duration.ofSeconds(2)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("token", jwt.getRawToken()))))
                    .build();
        } catch (Exception e) {
            return Uni.createFrom().item(false);
        }
        // The JDK client completes on its own threads: resume on the request's Vert.x context, where the rest of
        // authentication (and the request scope) lives.
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<HttpResponse<String>> answer = Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        if (context != null) {
            answer = answer.emitOn(command -> context.runOnContext(ignored -> command.run()));
        }
        return answer
                .map(response -> {
                    if (response.statusCode() != 200) {
                        LOG.warnf("token-service answered %d to a revocation check; accepting the verified token", response.statusCode());
                        return false;
                    }
                    try {
                        JsonNode verdict = json.readTree(response.body());
                        // Only a revocation counts: the signature and expiry were verified here already.
                        boolean revoked = !verdict.path("active").asBoolean(false)
                                && verdict.path("reason").asText("").contains("revoked");
                        revokedByJti.put(jwt.getTokenID(), revoked);
                        return revoked;
                    } catch (Exception e) {
                        return false;
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("token-service unreachable for a revocation check (%s); accepting the verified token",
                            failure.getClass().getSimpleName());
                    revokedByJti.put(jwt.getTokenID(), false);
                    return false;
                });
    }
}
