package io.hexgate.token.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The clear value of a network or device token and its stored form. Tokens carry 128 random bits; only their
 * SHA-256 is stored, so a database leak reveals no usable token.
 */
public record TokenSecret(String clear) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** A device token: UUID format (8-4-4-4-12 hex), all 128 bits random, no prefix (flashed into firmware). */
    public static TokenSecret newDeviceToken() {
        String hex = HEX.formatHex(randomBytes(16));
        return new TokenSecret(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    /** A network token: {@code n-} and 32 hex characters (128 random bits). */
    public static TokenSecret newNetworkToken() {
        return new TokenSecret("n-" + HEX.formatHex(randomBytes(16)));
    }

    /** A service authorization: {@code at} and 32 hex characters (128 random bits), as TagoIO writes them. */
    public static TokenSecret newServiceAuthorization() {
        return new TokenSecret("at" + HEX.formatHex(randomBytes(16)));
    }

    /** The SHA-256 (hex) under which the token is stored and looked up. */
    public String hash() {
        return hash(clear);
    }

    public static String hash(String clear) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(clear.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** What lists show instead of the token: its first characters. */
    public String hint() {
        return clear.substring(0, Math.min(8, clear.length())) + "…";
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "TokenSecret[" + hint() + "]";
    }
}
