package io.hexgate.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every Hexgate service serves to operators, checked over HTTP against the real dependencies. A service's
 * test extends this (with {@code @QuarkusTest} and the real infrastructure) and names its readiness checks.
 */
public abstract class OperationsEndpointsContract {

    /** The readiness checks this service must report, one per dependency it really uses. */
    protected abstract List<String> readinessChecks();

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpWithACheckPerDependency() {
        // a consumer's first assignment takes a moment after start: readiness says so meanwhile
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new))));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void unknownRoutesAnswerInTheErrorEnvelope() {
        given().when().get("/no/such/route").then()
                .statusCode(404)
                .body("status", equalTo(false))
                .body("message", containsString("/no/such/route"));
    }
}
