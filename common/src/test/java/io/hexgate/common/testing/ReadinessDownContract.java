package io.hexgate.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * Readiness must turn DOWN, naming the failed check, when a dependency is unreachable: the harness points the
 * service at a closed port ({@link RealInfrastructure#UNREACHABLE}). Liveness stays UP: restarting the pod would
 * not bring the dependency back.
 */
public abstract class ReadinessDownContract {

    /** The name of the readiness check that must report DOWN. */
    protected abstract String failingCheck();

    @Test
    void readinessIsDownAndNamesTheUnreachableDependency() {
        given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem(failingCheck()));
    }

    @Test
    void livenessStaysUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
