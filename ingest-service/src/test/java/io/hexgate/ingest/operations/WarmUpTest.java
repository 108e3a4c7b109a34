package io.hexgate.ingest.operations;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The start-up warm-up: readiness stays DOWN while ingest-service sends its own port requests, and comes UP when
 * the warm-up's time is spent even though its count is not — a warm-up never keeps the service out for longer
 * than {@code hexgate.warm-up.max-duration}. Every warm-up request is one ingest-service refuses (401) on its own.
 */
@QuarkusTest
@TestProfile(WarmUpTest.Long.class)
// token-service beside it: the warm-up's made-up device token is refused by it, once, then by the cache
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service"))
class WarmUpTest {

    /** More requests than 8 s allow, so that the time limit ends it: the test sees it running, then done. */
    public static class Long implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hexgate.warm-up.requests", "1000000", "hexgate.warm-up.max-duration", "8s",
                    "hexgate.warm-up.concurrency", "2");
        }
    }

    @Test
    void notReadyWhileWarmingThenReadyAtTheTimeLimitAndEveryWarmUpRequestWasRefused() {
        JsonPath first = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        assertEquals("DOWN", first.getString("checks.find { it.name == 'warm-up' }.status"));
        assertEquals("running", first.getString("checks.find { it.name == 'warm-up' }.data.outcome"));

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.outcome", equalTo("stopped at its time limit"))
                .body("checks.find { it.name == 'warm-up' }.data.answered", greaterThan(100))
                .body("checks.find { it.name == 'warm-up' }.data.'answered other than 401'", equalTo(0));
    }
}
