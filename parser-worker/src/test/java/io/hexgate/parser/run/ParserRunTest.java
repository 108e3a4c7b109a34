package io.hexgate.parser.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.parser.support.Parsers;
import io.hexgate.parser.support.Registry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** POST /parser/run (SPEC §3.4): the "test your parser" run, with the stored parsers of the real network-service. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"))
class ParserRunTest {

    private static final String OWNER = "run-alice";
    private static String network;
    private static String connector;

    @BeforeAll
    static void registry() {
        network = Registry.network(OWNER, Parsers.TTN_NETWORK);
        connector = Registry.connector(OWNER, network, Parsers.SENSOR_CONNECTOR);
    }

    private static RequestSpecification as(String owner) {
        return given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(owner));
    }

    @Test
    void runsTheStoredParsersAndTheCodeAndReturnsEachStageWithoutStoring() {
        as(OWNER).body(Map.of("network", network, "connector", connector, "code", Parsers.RENAME_DEVICE,
                        "payload", Parsers.ttnUplink("70B3D57ED0000001").replace("\n", "")))
                .post("/parser/run").then().statusCode(200)
                .body("status", equalTo(true))
                .body("result.error", nullValue())
                .body("result.serial", equalTo("70B3D57ED0000001"))
                .body("result.stages", hasSize(3))
                .body("result.stages[0].stage", equalTo("network"))
                .body("result.stages[0].output", hasSize(5))
                .body("result.stages[1].stage", equalTo("connector"))
                .body("result.stages[1].output", hasSize(8))
                .body("result.stages[2].stage", equalTo("device"))
                .body("result.stages[2].duration_ms", notNullValue())
                .body("result.console[0].message", equalTo("decoding 10 bytes"))
                .body("result.data.find { it.variable == 'temp_c' }.value", equalTo(-2.5f));
    }

    @Test
    void aFailingParserIsReportedWithItsStageAndMessage() {
        as(OWNER).body(Map.of("code", "const x = payload[0].value;\nnull.boom;", "device",
                        Map.of("id", "abc", "name", "test", "tags", List.of(), "params", List.of()),
                        "payload", Map.of("variable", "t", "value", 1)))
                .post("/parser/run").then().statusCode(200)
                .body("result.error.stage", equalTo("device"))
                .body("result.error.kind", equalTo("script_error"))
                .body("result.error.message", containsString("TypeError"))
                .body("result.error.message", containsString("line 2"));
    }

    @Test
    void theDeviceGlobalComesFromTheObjectGiven() {
        as(OWNER).body(Map.of("code", "payload = [{ variable: 'who', value: device.name + '/' + device.params[0].value }];",
                        "device", Map.of("name", "Kitchen", "params", List.of(Map.of("key", "k", "value", "v", "sent", false))),
                        "payload", "ignored"))
                .post("/parser/run").then().statusCode(200)
                .body("result.data[0].value", equalTo("Kitchen/v"));
    }

    @Test
    void anotherProfilesNetworkIsNotFound() {
        as("run-mallory").body(Map.of("network", network, "payload", "00"))
                .post("/parser/run").then().statusCode(404)
                .body("status", equalTo(false))
                .body("message", containsString(network));
    }

    @Test
    void badInputIsA400NamingTheField() {
        as(OWNER).body(Map.of("network", "not-an-id")).post("/parser/run").then().statusCode(400)
                .body("field_errors.payload", containsString("required"))
                .body("field_errors.network", containsString("not an id"));
    }

    @Test
    void aProfileTokenIsRequired() {
        given().contentType(ContentType.JSON).body(Map.of("code", "", "payload", "00"))
                .post("/parser/run").then().statusCode(401);
    }
}
