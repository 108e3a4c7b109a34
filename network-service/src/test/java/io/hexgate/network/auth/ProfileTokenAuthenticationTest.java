package io.hexgate.network.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Profile tokens from every TagoIO header alias, and the error envelope, through real HTTP. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ProfileTokenAuthenticationTest {

    private static final String ALICE = ProfileTokens.profileId("alice");

    @ParameterizedTest
    @ValueSource(strings = {"token", "Token", "Device-Token", "Profile-Token", "Account-Token"})
    void profileTokenIsAcceptedFromEveryHeaderAlias(String header) {
        given().header(header, ProfileTokens.forProfile("alice"))
                .when().get("/test-probe/whoami")
                .then().statusCode(200).body("status", equalTo(true)).body("result.profile", equalTo(ALICE));
    }

    @Test
    void profileTokenIsAcceptedAsBearerBareAndQueryParameter() {
        String token = ProfileTokens.forProfile("alice");
        given().header("Authorization", "Bearer " + token).when().get("/test-probe/whoami")
                .then().statusCode(200).body("result.profile", equalTo(ALICE));
        given().header("Authorization", token).when().get("/test-probe/whoami")
                .then().statusCode(200).body("result.profile", equalTo(ALICE));
        given().queryParam("token", token).when().get("/test-probe/whoami")
                .then().statusCode(200).body("result.profile", equalTo(ALICE));
    }

    @Test
    void adminGroupIsRecognised() {
        given().header("token", ProfileTokens.forAdmin("root")).when().get("/test-probe/whoami")
                .then().statusCode(200).body("result.admin", equalTo(true));
        given().header("token", ProfileTokens.forProfile("alice")).when().get("/test-probe/whoami")
                .then().statusCode(200).body("result.admin", equalTo(false));
    }

    @Test
    void missingTokenAnswers401InTheEnvelope() {
        given().when().get("/test-probe/whoami")
                .then().statusCode(401).contentType(ContentType.JSON)
                .body("status", equalTo(false)).body("message", containsString("Authorization"));
    }

    @Test
    void expiredTokenAnswers401() {
        given().header("token", ProfileTokens.expired("alice")).when().get("/test-probe/whoami")
                .then().statusCode(401).body("status", equalTo(false)).body("message", containsString("expired"));
    }

    @Test
    void tamperedTokenAnswers401() {
        String[] parts = ProfileTokens.forProfile("alice").split("\\.");
        String otherPayload = ProfileTokens.forProfile("mallory").split("\\.")[1];
        given().header("token", parts[0] + "." + otherPayload + "." + parts[2]).when().get("/test-probe/whoami")
                .then().statusCode(401).body("status", equalTo(false));
    }

    @Test
    void deviceTokenAsBearerIsNotMistakenForAMalformedJwt() {
        // Not a JWT: left to the service's own token handling, so a profile-only route says a token is required.
        given().header("Authorization", "Bearer 6f1c2a3b-1111-4c2d-9e8f-0123456789ab").when().get("/test-probe/whoami")
                .then().statusCode(401).body("message", containsString("token is required"));
    }

    @Test
    void validationErrorsNameTheField() {
        given().contentType(ContentType.JSON).body("{\"name\":\"toolongname\"}")
                .when().post("/test-probe/validated")
                .then().statusCode(400).body("status", equalTo(false))
                .body("field_errors.name", containsString("size must be between"));
    }

    @Test
    void wrongJsonTypesNameTheField() {
        given().contentType(ContentType.JSON).body("{\"name\":\"ok\",\"count\":\"many\"}")
                .when().post("/test-probe/validated")
                .then().statusCode(400).body("status", equalTo(false)).body("field_errors.count", containsString("wrong type"));
    }

    @Test
    void malformedJsonAnswers400() {
        given().contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/test-probe/validated")
                .then().statusCode(400).body("status", equalTo(false)).body("message", containsString("not valid JSON"));
    }

    @Test
    void rateLimitedAnswers429WithRetryAfter() {
        given().when().get("/test-probe/limited")
                .then().statusCode(429).header("Retry-After", "2")
                .body("message", containsString("5 requests/s"));
    }

    @Test
    void unexpectedFailuresAnswer500WithoutStackTraceOrDetail() {
        given().when().get("/test-probe/broken")
                .then().statusCode(500).body("status", equalTo(false))
                .body("message", allOf(containsString("reference"), not(containsString("secret internal detail")),
                        not(containsString("at io.hexgate"))));
    }
}
