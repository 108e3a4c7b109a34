package io.hexgate.common.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.Startup;

/**
 * Service-to-service credentials: a short-lived JWT (HS256 over the secret every Hexgate service shares) that names
 * the calling service ({@code sub}) and the service called ({@code aud}), sent in {@value #HEADER}. A caller signs
 * one per callee and reuses it for half its lifetime; a callee checks signature, audience and expiry, then whether
 * the caller may call that route ({@link InternalRouteGuard}). Profile, device and network tokens never pass.
 */
@ApplicationScoped
@Startup
public class ServiceCredentials {

    /** The request header that carries a service credential. */
    public static final String HEADER = "Hexgate-Service-Token";

    private static final String ISSUER = "hexgate-services";
    private static final int MIN_SECRET = 32;

    private final HmacKey key;
    private final String self;
    private final Duration lifetime;
    private final JwtConsumer consumer;
    private final Map<String, Signed> signed = new ConcurrentHashMap<>();

    /**
     * @param secret   {@code hexgate.internal.secret}: the secret every Hexgate service shares (at least 32 characters)
     * @param lifetime {@code hexgate.internal.credential-lifetime}: how long a credential is valid after signing
     * @param self     this service's application name
     */
    @Inject
    public ServiceCredentials(@ConfigProperty(name = "hexgate.internal.secret") String secret,
                              @ConfigProperty(name = "hexgate.internal.credential-lifetime", defaultValue = "60s") Duration lifetime,
                              @ConfigProperty(name = "quarkus.application.name") String self) {
        if (secret.length() < MIN_SECRET) {
            throw new IllegalStateException("hexgate.internal.secret must be at least " + MIN_SECRET + " characters");
        }
        this.key = new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
        this.self = self;
        this.lifetime = lifetime;
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(self)
                .setAllowedClockSkewInSeconds(5)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .build();
        // jose4j registers every algorithm it knows on its first signature (class loading, the JCA providers: 2.7 s
        // on a busy machine, seen blocking both event loops of a restarted parser-worker on its first internal call).
        // Paid here, at start, on the main thread: the bean is made at start for that reason.
        if (callerOf(sign(self, System.currentTimeMillis())).isEmpty()) {
            throw new IllegalStateException("a service credential signed here does not verify here");
        }
    }

    /** A credential for a call from this service to {@code callee} (its application name). */
    public String credentialFor(String callee) {
        long now = System.currentTimeMillis();
        Signed current = signed.get(callee);
        if (current == null || now > current.renewAt()) {
            current = new Signed(sign(callee, now), now + lifetime.toMillis() / 2);
            signed.put(callee, current);
        }
        return current.jwt();
    }

    /** The calling service named by a valid credential addressed to this service; empty when it is not one. */
    public java.util.Optional<String> callerOf(String credential) {
        if (credential == null || credential.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(consumer.processToClaims(credential).getSubject());
        } catch (InvalidJwtException | MalformedClaimException e) {
            return java.util.Optional.empty();
        }
    }

    private String sign(String callee, long now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(self);
        claims.setAudience(callee);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a service credential", e);
        }
    }

    private record Signed(String jwt, long renewAt) {
    }
}
