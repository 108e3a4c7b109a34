package io.hexgate.token.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /.well-known/jwks.json}: the public key that verifies profile tokens, as a JSON Web Key Set, so
 * deployed services (and anyone) can verify them without a copy of the key.
 */
@Path("/.well-known/jwks.json")
@Tag(name = "profile tokens")
public class JwksResource {

    private final Map<String, Object> jwks;

    JwksResource(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String location) {
        jwks = Map.of("keys", List.of(jwk(location)));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The JSON Web Key Set that verifies profile tokens")
    public Map<String, Object> keys() {
        return jwks;
    }

    private static Map<String, Object> jwk(String location) {
        try {
            java.nio.file.Path path = location.startsWith("file:") ? java.nio.file.Path.of(URI.create(location)) : java.nio.file.Path.of(location);
            String base64 = Files.readString(path).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            String kid = base64Url(MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 16);
            return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", kid,
                    "n", base64Url(unsigned(key.getModulus())), "e", base64Url(unsigned(key.getPublicExponent())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile-token public key at " + location, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the profile-token public key at " + location + " is not an RSA public key", e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
