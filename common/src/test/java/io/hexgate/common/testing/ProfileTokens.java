package io.hexgate.common.testing;

import java.util.HexFormat;
import java.util.Set;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;

import io.smallrye.jwt.build.Jwt;

/** Mints profile tokens for test profiles, signed with the test key pair the service under test trusts. */
public final class ProfileTokens {

    private ProfileTokens() {
    }

    /** A stable 24-hex profile id for a readable test name ("alice" is always the same id). */
    public static String profileId(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token for the profile named {@code name}, expiring in an hour. */
    public static String forProfile(String name) {
        return sign(name, Set.of(), 3600);
    }

    /** A valid token of an administrator (group {@code admin}). */
    public static String forAdmin(String name) {
        return sign(name, Set.of("admin"), 3600);
    }

    /** A token whose expiry is already past. */
    public static String expired(String name) {
        return Jwt.issuer(TestKeys.ISSUER).subject(profileId(name)).claim("profile", profileId(name))
                .issuedAt(System.currentTimeMillis() / 1000 - 7200)
                .expiresAt(System.currentTimeMillis() / 1000 - 3600)
                .sign(TestKeys.privateKey());
    }

    private static String sign(String name, Set<String> groups, long lifetimeSeconds) {
        String id = profileId(name);
        return Jwt.issuer(TestKeys.ISSUER).subject(id).claim("profile", id).groups(groups)
                .expiresIn(lifetimeSeconds).sign(TestKeys.privateKey());
    }
}
