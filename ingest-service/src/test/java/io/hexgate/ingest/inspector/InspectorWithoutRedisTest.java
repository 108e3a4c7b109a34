package io.hexgate.ingest.inspector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Redis unreachable: the inspector's history and live stream answer 503 with Retry-After, naming Redis, and
 * devices still post their uplinks (202) — the inspector never stands in ingestion's way.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"),
        @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "redis")})
class InspectorWithoutRedisTest {

    private static RequestSpecification registry() {
        return given().baseUri(ConfigProvider.getConfig().getValue("hexgate.network-service.url", String.class))
                .contentType(ContentType.JSON).header("token", ProfileTokens.forProfile("noredis-alice"));
    }

    @Test
    void theHistoryAndTheStreamAnswer503WhileDevicesStillPost() {
        String network = registry().body(Map.of("name", "n")).post("/integration/network").then().statusCode(201)
                .extract().path("result.network");
        String connector = registry().body(Map.of("name", "c", "networks", List.of(network))).post("/integration/connector")
                .then().statusCode(201).extract().path("result.connector");
        Map<String, String> device = registry().body(Map.of("name", "d", "network", network, "connector", connector))
                .post("/device").then().statusCode(201).extract().path("result");
        String profile = ProfileTokens.forProfile("noredis-alice");

        given().header("token", profile).get("/device/" + device.get("device_id") + "/inspector").then()
                .statusCode(503).header("Retry-After", equalTo("5")).body("message", containsString("Redis"));
        given().get("/events?channels=device_inspector." + device.get("device_id") + "&token=" + profile).then()
                .statusCode(503).header("Retry-After", equalTo("5")).body("message", containsString("Redis"));
        given().header("token", device.get("token")).contentType(ContentType.JSON)
                .body("{\"variable\":\"payload\",\"value\":\"0a0b\"}").post("/data").then().statusCode(202);
    }
}
