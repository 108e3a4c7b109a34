package io.hexgate.common.testing;

import java.nio.charset.StandardCharsets;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Service credentials as a Hexgate service signs them (common's ServiceCredentials), with the tests' secret. */
public final class ServiceCredential {

    /** The header that carries one. */
    public static final String HEADER = "Hexgate-Service-Token";

    private ServiceCredential() {
    }

    /** A credential of {@code caller} for calls to {@code callee}, valid for a minute; signed with {@code secret}. */
    public static String of(String caller, String callee, String secret) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("hexgate-services");
        claims.setSubject(caller);
        claims.setAudience(callee);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(1);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A credential of {@code caller} for {@code callee}, signed with the tests' secret. */
    public static String of(String caller, String callee) {
        return of(caller, callee, TestKeys.INTERNAL_SECRET);
    }
}
