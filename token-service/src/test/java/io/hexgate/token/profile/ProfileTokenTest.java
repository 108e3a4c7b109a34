package io.hexgate.token.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Profile tokens issued by token-service, their revocation, and the JWKS that verifies them. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ProfileTokenTest {

    @Test
    void aProfileIssuesItsOwnTokenWhichWorksUntilRevoked() {
        Map<String, String> issued = given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile("pt-alice"))
                .body(Map.of("name", "script", "expire_time", "1 day")).post("/profile/token")
                .then().statusCode(201).body("result.profile", equalTo(ProfileTokens.profileId("pt-alice")))
                .extract().path("result");
        String token = issued.get("token");
        given().header("token", token).get("/device/token/000000000000000000000000").then().statusCode(404);
        given().header("token", token).delete("/profile/token/" + issued.get("jti")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(1)).until(() ->
                given().header("token", token).get("/device/token/000000000000000000000000").statusCode() == 401);
    }

    @Test
    void aProfileRevokesOnlyItsOwnTokensAndAnAdministratorAny() {
        Map<String, String> alices = given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile("pt-alice"))
                .body(Map.of("name", "alice's script")).post("/profile/token").then().statusCode(201).extract().path("result");
        // bob can neither revoke alice's token nor tell it from an id that does not exist
        given().header("token", ProfileTokens.forProfile("pt-bob")).delete("/profile/token/" + alices.get("jti"))
                .then().statusCode(403).body("message", containsString("only your own"));
        given().header("token", ProfileTokens.forProfile("pt-bob")).delete("/profile/token/0123456789abcdef01234567")
                .then().statusCode(403).body("message", containsString("only your own"));
        given().header("token", alices.get("token")).get("/device/token/000000000000000000000000").then().statusCode(404);
        given().header("token", ProfileTokens.forAdmin("pt-root")).delete("/profile/token/" + alices.get("jti"))
                .then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "a.b", "x%20y", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void aRevocationOfSomethingThatIsNoTokenIdIs400(String jti) {
        given().urlEncodingEnabled(false).header("token", ProfileTokens.forAdmin("pt-root")).delete("/profile/token/" + jti)
                .then().statusCode(400).body("field_errors.jti", containsString("not a token id"));
    }

    @Test
    void onlyAnAdministratorIssuesForOthers() {
        given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile("pt-alice"))
                .body(Map.of("profile", ProfileTokens.profileId("pt-bob"))).post("/profile/token").then().statusCode(403);
        given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile("pt-alice"))
                .body(Map.of("admin", true)).post("/profile/token").then().statusCode(403);
        given().contentType(ContentType.JSON).header("token", ProfileTokens.forAdmin("pt-root"))
                .body(Map.of("profile", ProfileTokens.profileId("pt-bob"))).post("/profile/token").then().statusCode(201)
                .body("result.profile", equalTo(ProfileTokens.profileId("pt-bob")));
    }

    @Test
    void jwksPublishesTheVerificationKey() throws Exception {
        String n = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256")).body("keys[0].e", equalTo("AQAB"))
                .extract().path("keys[0].n");
        String location = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class);
        String pem = Files.readString(Path.of(java.net.URI.create(location)));
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        assertEquals(key.getModulus(), new BigInteger(1, Base64.getUrlDecoder().decode(n)));
    }
}
