package io.hexgate.network.network;

import static io.hexgate.network.support.Registry.as;
import static io.hexgate.network.support.Registry.createNetwork;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL going away after start: the registry answers 503 with Retry-After in the TagoIO envelope — an
 * outage the caller can wait out, not an internal error with a reference — and serves, and is ready, again once
 * it is back.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RegistryWithoutPostgresTest {

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsAwayAndServesAgainAfter() {
        String id = createNetwork("pg-away-alice", Map.of("name", "outage"));
        TestDatabase.available(false);
        try {
            as("pg-away-alice").get("/integration/network/" + id).then()
                    .statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .body("status", equalTo(false))
                    .body("message", containsString("retry in a few seconds"));
        } finally {
            TestDatabase.available(true);
        }
        // back: the data, and readiness (whose pooled connections were cut too), as the next test class expects
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("pg-away-alice").get("/integration/network/" + id).then().statusCode(200).body("result.name", equalTo("outage")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }
}
