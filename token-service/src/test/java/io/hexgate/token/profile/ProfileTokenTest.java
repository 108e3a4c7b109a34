package io.hexgate.token.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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
