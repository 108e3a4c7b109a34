package io.hexgate.ingest.data;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.ingest.support.Devices;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * PostgreSQL unreachable (SPEC §6): reading the stored data is a dependency outage — 503 with Retry-After in the
 * TagoIO envelope, not an internal error with a reference — while POST /data, which needs only Kafka, still
 * accepts uplinks.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service"),
        @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "postgres")})
class DataWithoutPostgresTest {

    @Test
    void readingAnswers503WithRetryAfterWhilePostingStillAccepts() {
        Devices.Issued device = Devices.deviceToken("npg-alice", "full");
        for (String query : new String[] { "", "?variable=temperature&qty=3", "?query=count", "?query=last_insert" }) {
            given().header("token", device.token()).get("/data" + query).then()
                    .statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .body("status", equalTo(false))
                    .body("message", containsString("PostgreSQL"));
        }
        given().header("token", device.token()).delete("/data").then().statusCode(503).header("Retry-After", equalTo("5"));
        given().header("token", device.token()).contentType(ContentType.TEXT).body("0a0b").post("/data").then()
                .statusCode(202);
    }
}
