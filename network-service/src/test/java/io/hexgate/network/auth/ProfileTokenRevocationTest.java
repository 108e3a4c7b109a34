package io.hexgate.network.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A profile token revoked at token-service stops working at network-service too (shared plumbing in common). */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service"))
class ProfileTokenRevocationTest {

    @Test
    void aRevokedProfileTokenFailsHereWithinAboutASecond() {
        String tokenService = ConfigProvider.getConfig().getValue("hexgate.token-service.url", String.class);
        Map<String, String> issued = given().baseUri(tokenService).contentType(ContentType.JSON)
                .header("token", ProfileTokens.forProfile("rev-alice")).body(Map.of("name", "script"))
                .post("/profile/token").then().statusCode(201).extract().path("result");
        String token = issued.get("token");
        given().header("token", token).get("/integration/network").then().statusCode(200);

        given().baseUri(tokenService).header("token", token).delete("/profile/token/" + issued.get("jti")).then().statusCode(200);
        await().atMost(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().header("token", token).get("/integration/network").statusCode() == 401);
        given().header("token", token).get("/integration/network").then().statusCode(401)
                .body("message", containsString("invalid, expired or revoked"));
    }
}
