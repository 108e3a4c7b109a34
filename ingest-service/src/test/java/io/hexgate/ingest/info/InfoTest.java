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

/** GET /info: the device of a device token, as network-service holds it (both services run for real beside this one). */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"))
class InfoTest {

    private static RequestSpecification registry() {
        return given().baseUri(ConfigProvider.getConfig().getValue("hexgate.network-service.url", String.class))
                .contentType(ContentType.JSON).header("token", ProfileTokens.forProfile("info-alice"));
    }

    @Test
    void aDeviceTokenReadsItsDevice() {
        String network = registry().body(Map.of("name", "n")).post("/integration/network").then().statusCode(201)
                .extract().path("result.network");
        String connector = registry().body(Map.of("name", "c", "networks", List.of(network))).post("/integration/connector")
                .then().statusCode(201).extract().path("result.connector");
        Map<String, String> created = registry().body(Map.of("name", "Kitchen", "network", network, "connector", connector,
                        "serie_number", "k-1", "tags", List.of(Map.of("key", "room", "value", "kitchen"))))
                .post("/device").then().statusCode(201).extract().path("result");

        given().header("token", created.get("token")).get("/info").then().statusCode(200)
                .body("status", equalTo(true))
                .body("result.id", equalTo(created.get("device_id")))
                .body("result.name", equalTo("Kitchen"))
                .body("result.network", equalTo(network))
                .body("result.connector", equalTo(connector))
                .body("result.serie_number", equalTo("k-1"))
                .body("result.tags[0].value", equalTo("kitchen"))
                .body("result.active", equalTo(true));
        given().get("/info").then().statusCode(401).body("message", containsString("device token is required"));
        given().header("token", ProfileTokens.forProfile("info-alice")).get("/info").then().statusCode(401);
    }
}
