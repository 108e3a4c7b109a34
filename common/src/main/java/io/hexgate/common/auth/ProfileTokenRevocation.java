package io.hexgate.common.auth;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.hexgate.common.logging.OutageLog;
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
    /** While token-service is away: a line per 10 s with a count, not one per request. */
    private final OutageLog unreachable = new OutageLog("token-service could not be asked about profile tokens: "
            + "the verified tokens were accepted", TimeUnit.SECONDS.toNanos(10), LOG::warn, System::nanoTime);

    private final Cache<String, Boolean> revokedByJti = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1)).maximumSize(100_000).build();

    @ConfigProperty(name = "hexgate.auth.revocation-check", defaultValue = "true")
    boolean enabled;

    @Inject
    TokenIntrospection introspection;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return revoked(jwt).map(isRevoked -> {
            if (isRevoked) {
                throw new AuthenticationFailedException("the profile token was revoked");
            }
            return identity;
        });
    }

    /** Whether a verified profile token was revoked: asked of token-service, each verdict remembered a second. */
    public Uni<Boolean> revoked(JsonWebToken jwt) {
        if (!enabled || jwt.getTokenID() == null) {
            return Uni.createFrom().item(false);
        }
        Boolean known = revokedByJti.getIfPresent(jwt.getTokenID());
        return known != null ? Uni.createFrom().item(known) : ask(jwt);
    }

    private Uni<Boolean> ask(JsonWebToken jwt) {
        return introspection.introspect(jwt.getRawToken())
                .map(verdict -> {
                    // Only a revocation counts: the signature and expiry were verified here already.
                    boolean revoked = !verdict.active() && verdict.reason() == InactiveReason.REVOKED;
                    revokedByJti.put(jwt.getTokenID(), revoked);
                    return revoked;
                })
                .onFailure().recoverWithItem(failure -> {
                    unreachable.failed(failure);
                    revokedByJti.put(jwt.getTokenID(), false);
                    return false;
                });
    }
}
