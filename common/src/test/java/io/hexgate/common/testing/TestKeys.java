package io.hexgate.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs profile tokens in tests: generated once per module build under
 * {@code target/hexgate-test-keys}, never committed. The harness hands the public key to the service under
 * test; {@link ProfileTokens} signs with the private one.
 */
public final class TestKeys {

    public static final String ISSUER = "hexgate-test";

    /** The secret that signs service credentials in tests (hexgate.internal.secret). */
    public static final String INTERNAL_SECRET = "hexgate-test-internal-secret-0123456789abcdef";
    static final Path DIRECTORY = Path.of("target", "hexgate-test-keys");
    static final Path PRIVATE_KEY = DIRECTORY.resolve("private.pem");
    static final Path PUBLIC_KEY = DIRECTORY.resolve("public.pem");

    private TestKeys() {
    }

    /** Creates the pair if it is missing; returns the public key's path. */
    public static synchronized Path ensure() {
        try {
            if (!Files.exists(PRIVATE_KEY) || !Files.exists(PUBLIC_KEY)) {
                Files.createDirectories(DIRECTORY);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            return PUBLIC_KEY.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey privateKey() {
        ensure();
        try {
            String base64 = Files.readString(PRIVATE_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key's path, for services that sign tokens themselves (token-service). */
    public static Path privateKeyPath() {
        ensure();
        return PRIVATE_KEY.toAbsolutePath();
    }

    /** A fresh AES-256 key (base64) for the sealed copies of device tokens, per test run. */
    public static String tokenEncryptionKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
