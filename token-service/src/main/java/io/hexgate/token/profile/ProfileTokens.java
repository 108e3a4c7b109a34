package io.hexgate.token.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.hexgate.common.api.AccessDeniedException;
import io.hexgate.common.api.AuthenticationRequiredException;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.auth.CurrentProfile;
import io.hexgate.common.auth.InactiveReason;
import io.hexgate.token.config.TokensConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Profile tokens: signed JWTs issued here (key from configuration), and the revocation list every use is
 * checked against. The list is held in memory, reloaded from PostgreSQL every second, so a revocation made on
 * any replica takes effect everywhere within a second.
 */
@ApplicationScoped
public class ProfileTokens {

    private static final Logger LOG = Logger.getLogger(ProfileTokens.class);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final java.util.regex.Pattern JTI = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Inject
    JWTParser parser;

    @Inject
    Pool database;

    @Inject
    Vertx vertx;

    @Inject
    TokensConfig config;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    void start(@Observes StartupEvent event) {
        reloadRevocations().subscribe().with(done -> { }, failure -> { });
        vertx.setPeriodic(1000, id -> reloadRevocations().subscribe().with(
                done -> { }, failure -> LOG.debugf("revocation list not reloaded: %s", failure.getMessage())));
    }

    /** The profile of a valid, unrevoked profile token; 401 otherwise. */
    public String verifiedProfile(String jwt) {
        Verdict verdict = judge(jwt);
        if (verdict.refused() != null) {
            throw new AuthenticationRequiredException(verdict.refused().text());
        }
        return verdict.profile();
    }

    /** A profile token judged: its profile, or why it is refused. */
    public record Verdict(String profile, InactiveReason refused) {
    }

    public Verdict judge(String jwt) {
        try {
            JsonWebToken token = parser.parse(jwt);
            if (token.getTokenID() != null && revoked.contains(token.getTokenID())) {
                return new Verdict(null, InactiveReason.REVOKED);
            }
            String profile = token.getClaim("profile");
            return new Verdict(profile != null && !profile.isBlank() ? profile : token.getSubject(), null);
        } catch (ParseException e) {
            return new Verdict(null, InactiveReason.INVALID);
        }
    }

    public boolean isRevoked(String jti) {
        return jti != null && revoked.contains(jti);
    }

    /** A signed profile token for {@code profile}, recorded as issued to it; {@code admin} adds the admin group. */
    public Uni<Issued> issue(String profile, String name, OffsetDateTime expires, boolean admin) {
        String jti = HexFormat.of().formatHex(randomBytes());
        Instant expiry = expires != null ? expires.toInstant() : Instant.now().plus(config.profileTokenLifetime());
        var claims = Jwt.issuer(issuer).subject(profile).claim("profile", profile).claim("jti", jti)
                .expiresAt(expiry.getEpochSecond());
        if (name != null) {
            claims.claim("name", name);
        }
        if (admin) {
            claims.groups(Set.of("admin"));
        }
        Issued issued = new Issued(claims.sign(), jti, profile, expiry.atOffset(ZoneOffset.UTC));
        return database.preparedQuery("INSERT INTO tokens.issued_profile_tokens (jti, profile, expires_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(jti, profile, issued.expireTime())).replaceWith(issued);
    }

    /** What issuing answers. */
    public record Issued(String token, String jti, String profile, OffsetDateTime expireTime) {
    }

    /**
     * Revokes a profile token by its id, for a caller who may: an administrator, the token itself, or the profile it
     * was issued to. Anyone else is refused alike whether the id exists or not, so ids cannot be probed.
     */
    public Uni<Void> revoke(String jti, CurrentProfile caller) {
        if (!JTI.matcher(jti).matches()) {
            throw InvalidRequestException.field("jti", "jti: '" + (jti.length() > 64 ? jti.substring(0, 64) + "…" : jti)
                    + "' is not a token id (1-64 letters, digits, '-' or '_')");
        }
        if (caller.isAdmin() || jti.equals(caller.tokenId())) {
            return revoke(jti, caller.id());
        }
        return database.preparedQuery("SELECT profile FROM tokens.issued_profile_tokens WHERE jti = $1")
                .execute(Tuple.of(jti)).flatMap(rows -> {
                    boolean own = rows.iterator().hasNext() && rows.iterator().next().getString(0).strip().equals(caller.id());
                    if (!own) {
                        throw new AccessDeniedException("you can revoke only your own profile tokens (an administrator "
                                + "can revoke any)");
                    }
                    return revoke(jti, caller.id());
                });
    }

    /** Adds {@code jti} to the revocation list (idempotent), effective here at once. */
    private Uni<Void> revoke(String jti, String profile) {
        return database.preparedQuery("INSERT INTO tokens.revoked_profile_tokens (jti, profile, expires_at, revoked_at) "
                        + "VALUES ($1, $2, $3, now()) ON CONFLICT (jti) DO NOTHING")
                .execute(Tuple.of(jti, profile, OffsetDateTime.now(ZoneOffset.UTC).plus(Duration.ofDays(366))))
                .invoke(() -> revoked.add(jti)).replaceWithVoid();
    }

    private Uni<Void> reloadRevocations() {
        return database.query("SELECT jti FROM tokens.revoked_profile_tokens").execute().invoke(rows -> {
            Set<String> fresh = ConcurrentHashMap.newKeySet();
            for (Row row : rows) {
                fresh.add(row.getString(0));
            }
            revoked.addAll(fresh);
            revoked.retainAll(fresh);
        }).replaceWithVoid();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
