package io.hexgate.ingest.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.hexgate.common.api.AuthenticationRequiredException;
import io.hexgate.common.api.DependencyUnavailableException;
import io.hexgate.common.auth.TokenCheck;
import io.hexgate.common.auth.TokenIntrospection;
import io.hexgate.common.contract.Introspection;
import io.hexgate.common.contract.TokenKind;
import io.hexgate.common.logging.OutageLog;
import io.hexgate.ingest.IngestConfig;
import io.smallrye.mutiny.Uni;

/**
 * Who may post: a device token (POST /data) or a network token (network-level ingestion), as token-service's
 * introspection says, remembered for {@code hexgate.ingest.introspection-cache-ttl} (1 s) so steady traffic makes
 * one call per token per second and a revoked token fails here within that time. Requests arriving while a token's
 * introspection is under way wait for that one call rather than each making their own (a busy device's fifty
 * concurrent posts made fifty calls per expiry before); a failed call is not remembered, and while token-service is
 * away one log line per 10 s says how many requests it cost.
 */
@ApplicationScoped
public class UplinkAuthentication {

    private static final Logger LOG = Logger.getLogger(UplinkAuthentication.class);

    /**
     * An introspection's answer, or why it could not be had. The cache holds this, never a failed future: Caffeine
     * logs every failed load with its stack trace (about 20 lines per request while token-service was away).
     */
    private record Answer(Introspection info, Throwable failure) {
    }

    private final AsyncCache<String, Answer> answers;
    private final OutageLog unreachable = new OutageLog(
            "token-service could not be asked about tokens: their requests answered 503", TimeUnit.SECONDS.toNanos(10),
            LOG::warn, System::nanoTime);

    @Inject
    TokenIntrospection introspection;

    UplinkAuthentication(IngestConfig config) {
        answers = Caffeine.newBuilder().expireAfterWrite(config.introspectionCacheTtl()).maximumSize(200_000).buildAsync();
    }

    /** A device token that may write; 401 for a missing/unknown/expired/revoked one, 403 when it may not post. */
    public Uni<TokenGrant> device(String token) {
        return grant(token, TokenKind.DEVICE);
    }

    /** A device token that may read (any permission but {@code deny}): {@code GET /info}, {@code GET /data}. */
    public Uni<TokenGrant> readableDevice(String token) {
        return answer(token, TokenKind.DEVICE).map(info -> judge(info, TokenKind.DEVICE, false));
    }

    /** A network token that may write. */
    public Uni<TokenGrant> network(String token) {
        return grant(token, TokenKind.NETWORK);
    }

    /**
     * The profile a service authorization names ({@code ?authorization=} of network-level data): 401 for an unknown,
     * expired or revoked one, 403 for one that may not write. Remembered as every token is (1 s), so a revoked one
     * fails within a second.
     */
    public Uni<String> namedProfile(String authorization) {
        return answer(authorization, TokenKind.SERVICE_AUTHORIZATION).map(TokenCheck::profileNamedBy);
    }

    /** What a service authorization is ({@code GET /info} with one): active and not {@code deny}, else 401 / 403. */
    public Uni<Introspection> readableServiceAuthorization(String token) {
        return answer(token, TokenKind.SERVICE_AUTHORIZATION).map(info -> {
            TokenCheck.require(info, TokenKind.SERVICE_AUTHORIZATION, false, "reading the service authorization");
            return info;
        });
    }

    private Uni<TokenGrant> grant(String token, TokenKind kind) {
        return answer(token, kind).map(info -> judge(info, kind, true));
    }

    private Uni<Introspection> answer(String token, TokenKind kind) {
        if (token == null) {
            return Uni.createFrom().failure(new AuthenticationRequiredException("a " + kind + " token is required: send it in "
                    + "the Authorization, token or Device-Token header, or the token query parameter"));
        }
        CompletableFuture<Answer> call = answers.get(token, (key, executor) -> introspection.introspect(key)
                .map(info -> new Answer(info, null)).onFailure().recoverWithItem(failure -> new Answer(null, failure))
                .subscribeAsCompletionStage());
        // copy(): a request that goes away cancels its own view of the call, not the call the others wait for
        return Uni.createFrom().completionStage(call.copy()).map(answer -> {
            if (answer.failure() == null) {
                return answer.info();
            }
            answers.asMap().remove(token, call); // a failed call is not remembered
            unreachable.failed(answer.failure());
            throw new DependencyUnavailableException("token-service could not be asked about the token; nothing was "
                    + "accepted, retry", answer.failure());
        });
    }

    private static TokenGrant judge(Introspection info, TokenKind kind, boolean writing) {
        TokenCheck.require(info, kind, writing, writing ? "posting data" : "reading the device");
        return new TokenGrant(kind.code(), info.device(), info.network(), info.connector(), info.profile(), String.valueOf(info.permission()));
    }
}
