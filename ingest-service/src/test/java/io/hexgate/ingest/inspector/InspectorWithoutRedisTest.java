package io.hexgate.ingest.inspector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.ingest.support.Devices;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Redis unreachable: the inspector's history and live stream answer 503 with Retry-After, naming Redis, and
 * devices still post their uplinks (202) — the inspector never stands in ingestion's way.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"),
        @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "redis")})
class InspectorWithoutRedisTest {

    @Test
    void theHistoryAndTheStreamAnswer503WhileDevicesStillPost() {
        Devices.Issued device = Devices.registered("noredis-alice");
        String profile = ProfileTokens.forProfile("noredis-alice");

        given().header("token", profile).get("/device/" + device.device() + "/inspector").then()
                .statusCode(503).header("Retry-After", equalTo("5")).body("message", containsString("Redis"));
        given().get("/events?channels=device_inspector." + device.device() + "&token=" + profile).then()
                .statusCode(503).header("Retry-After", equalTo("5")).body("message", containsString("Redis"));
        given().header("token", device.token()).contentType(ContentType.JSON)
                .body("{\"variable\":\"payload\",\"value\":\"0a0b\"}").post("/data").then().statusCode(202);
    }
}
