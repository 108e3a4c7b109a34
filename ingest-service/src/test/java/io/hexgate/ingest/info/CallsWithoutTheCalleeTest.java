package io.hexgate.ingest.info;

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
 * What a device sees when the service a route needs cannot be reached (the REST client layer's 503): GET /info
 * without network-service, PUT /data without parser-worker — 503 with Retry-After naming the service, in the
 * envelope, never a 500. network-service runs (the test makes the device there); this service is told it is away.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"),
        @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "network-service") })
class CallsWithoutTheCalleeTest {

    private static RequestSpecification registry() {
        return given().baseUri(ConfigProvider.getConfig().getValue(RealInfrastructure.testUrlOf("network-service"), String.class))
                .contentType(ContentType.JSON).header("token", ProfileTokens.forProfile("calls-alice"));
    }

    private static String deviceToken() {
        String network = registry().body(Map.of("name", "n")).post("/integration/network").then().statusCode(201)
                .extract().path("result.network");
        String connector = registry().body(Map.of("name", "c", "networks", List.of(network))).post("/integration/connector")
                .then().statusCode(201).extract().path("result.connector");
        return registry().body(Map.of("name", "d", "network", network, "connector", connector)).post("/device")
                .then().statusCode(201).extract().path("result.token");
    }

    @Test
    void infoAnswers503NamingNetworkServiceAndDataEditsAnswer503NamingParserWorker() {
        String token = deviceToken();

        given().header("token", token).get("/info").then().statusCode(503)
                .header("Retry-After", "5")
                .body("status", equalTo(false))
                .body("message", containsString("network-service could not be reached"));
        given().header("token", token).contentType(ContentType.JSON)
                .body("[{\"id\":\"0123456789abcdef01234567\",\"value\":1}]").put("/data").then().statusCode(503)
                .header("Retry-After", "5")
                .body("message", containsString("parser-worker could not be reached"));
    }
}
