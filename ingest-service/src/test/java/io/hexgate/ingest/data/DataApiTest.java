package io.hexgate.ingest.data;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.ingest.support.Devices;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * GET, PUT and DELETE /data (SPEC §3.3) on points written for the test through the whole real pipeline:
 * POST /data here, Kafka, the real parser-worker storing them, the real network-service and token-service.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS,
        value = "token-service,network-service,parser-worker"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataApiTest {

    private static final String OWNER = "data-alice";
    private static final String POINTS = """
            [{"variable":"temperature","value":20,"unit":"C","time":"2026-01-01T00:00:00Z","group":"g1"},
             {"variable":"temperature","value":22,"unit":"C","time":"2026-01-01T01:00:00Z","group":"g1"},
             {"variable":"temperature","value":24,"unit":"C","time":"2026-01-01T02:00:00Z","group":"g2"},
             {"variable":"Humidity","value":50,"time":"2026-01-01T00:30:00Z","group":"g1"},
             {"variable":"status","value":"open","time":"2026-01-01T01:30:00Z"},
             {"variable":"gps","value":"here","location":{"lat":-23.5,"lng":-46.6},"time":"2026-01-01T00:15:00Z"},
             {"variable":"recent","value":true}]""";
    private static String token;

    private static RequestSpecification registry() {
        return given().baseUri(ConfigProvider.getConfig().getValue("hexgate.network-service.url", String.class))
                .contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(OWNER));
    }

    /** A device at the real network-service; its device token. */
    private static String newDeviceToken() {
        String network = registry().body(Map.of("name", "n")).post("/integration/network").then().statusCode(201)
                .extract().path("result.network");
        String connector = registry().body(Map.of("name", "c", "networks", List.of(network)))
                .post("/integration/connector").then().statusCode(201).extract().path("result.connector");
        return registry().body(Map.of("name", "d", "network", network, "connector", connector)).post("/device")
                .then().statusCode(201).extract().path("result.token");
    }

    private static RequestSpecification device() {
        return given().header("token", token);
    }

    private static void post(String deviceToken, String body, int expectedPoints) {
        given().header("token", deviceToken).contentType(ContentType.JSON).body(body).post("/data").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("token", deviceToken).queryParam("query", "count")
                .get("/data").then().extract().path("result"), count -> count != null && ((Number) count).intValue() >= expectedPoints);
    }

    /** Once per class, but in @BeforeEach: REST Assured points at this service only from then on. */
    @BeforeEach
    void storePoints() {
        if (token == null) {
            token = newDeviceToken();
            post(token, POINTS, 7);
        }
    }

    @Test
    @Order(1)
    void newestFirstByDefault() {
        device().get("/data").then().statusCode(200)
                .body("status", equalTo(true))
                .body("result", hasSize(7))
                .body("result[0].variable", equalTo("recent"))
                .body("result[0].value", equalTo(true))
                .body("result[1].variable", equalTo("temperature"))
                .body("result[1].value", equalTo(24f))
                .body("result[1].unit", equalTo("C"))
                .body("result[1].time", equalTo("2026-01-01T02:00:00Z"));
    }

    @Test
    @Order(1)
    void byVariableInEveryFormTheSdkSends() {
        device().queryParam("variable", "temperature").get("/data").then().body("result", hasSize(3));
        device().queryParam("variables[0]", "temperature").queryParam("variables[1]", "humidity").get("/data")
                .then().body("result", hasSize(4));
        device().queryParam("variables", "temperature,status").get("/data").then().body("result", hasSize(4));
    }

    @Test
    @Order(1)
    void byGroupIdAndValue() {
        device().queryParam("groups[0]", "g2").get("/data").then().body("result", hasSize(1)).body("result[0].value", equalTo(24f));
        device().queryParam("values[0]", "open").get("/data").then().body("result", hasSize(1)).body("result[0].variable", equalTo("status"));
        device().queryParam("value", "22").get("/data").then().body("result", hasSize(1)).body("result[0].time", equalTo("2026-01-01T01:00:00Z"));
        device().queryParam("value", "true").get("/data").then().body("result", hasSize(1)).body("result[0].variable", equalTo("recent"));
        String id = device().queryParam("variable", "gps").get("/data").then().extract().path("result[0].id");
        device().queryParam("ids[0]", id).get("/data").then().body("result", hasSize(1))
                .body("result[0].location.coordinates[0]", equalTo(-46.6f));
    }

    @Test
    @Order(1)
    void qtySkipAndOrdination() {
        device().queryParam("qty", 2).get("/data").then().body("result", hasSize(2));
        device().queryParam("ordination", "ascending").get("/data").then().body("result[0].value", equalTo(20f));
        device().queryParam("ordination", "ascending").queryParam("skip", 1).queryParam("qty", 1).get("/data")
                .then().body("result", hasSize(1)).body("result[0].variable", equalTo("gps"));
    }

    @Test
    @Order(1)
    void betweenDatesAbsoluteAndRelative() {
        device().queryParam("start_date", "2026-01-01T00:45:00Z").queryParam("end_date", "2026-01-01T01:45:00Z").get("/data")
                .then().body("result", hasSize(2));
        device().queryParam("start_date", "1 day").get("/data").then().body("result", hasSize(1))
                .body("result[0].variable", equalTo("recent"));
    }

    @Test
    @Order(1)
    void queriesForOneItemOrOneFigure() {
        device().queryParam("query", "last_item").get("/data").then().body("result", hasSize(1)).body("result[0].variable", equalTo("recent"));
        device().queryParam("query", "first_item").get("/data").then().body("result[0].value", equalTo(20f));
        device().queryParam("query", "last_value").queryParam("variable", "temperature").get("/data").then().body("result[0].value", equalTo(24f));
        device().queryParam("query", "last_location").get("/data").then().body("result[0].variable", equalTo("gps"));
        device().queryParam("query", "count").queryParam("variable", "temperature").get("/data").then().body("result", equalTo(3));
        device().queryParam("query", "min").queryParam("variable", "temperature").get("/data").then().body("result[0].value", equalTo(20f));
        device().queryParam("query", "max").queryParam("variable", "temperature").get("/data").then().body("result[0].value", equalTo(24f));
        device().queryParam("query", "avg").queryParam("variable", "temperature").get("/data").then().body("result[0].value", equalTo(22f));
        device().queryParam("query", "sum").queryParam("variable", "temperature").get("/data").then().body("result[0].value", equalTo(66f));
        device().queryParam("details", true).queryParam("qty", 1).get("/data").then()
                .body("result[0].device", notNullValue()).body("result[0].created_at", notNullValue());
    }

    @Test
    @Order(1)
    void lastInsertIsTheNewestStoredNotTheNewestTime() {
        String other = newDeviceToken();
        post(other, "{\"variable\":\"first\",\"value\":1,\"time\":\"2030-01-01T00:00:00Z\"}", 1);
        post(other, "{\"variable\":\"second\",\"value\":2,\"time\":\"2020-01-01T00:00:00Z\"}", 2);
        given().header("token", other).queryParam("query", "last_insert").get("/data").then()
                .body("result[0].variable", equalTo("second"));
    }

    @Test
    @Order(1)
    void badParametersAre400sNamingTheParameter() {
        device().queryParam("qty", 10001).get("/data").then().statusCode(400).body("field_errors.qty", containsString("10000"));
        device().queryParam("ordination", "sideways").get("/data").then().statusCode(400)
                .body("field_errors.ordination", containsString("ascending"));
        device().queryParam("start_date", "last tuesday").get("/data").then().statusCode(400)
                .body("field_errors.start_date", containsString("ISO-8601"));
        device().queryParam("query", "median").get("/data").then().statusCode(400).body("field_errors.query", containsString("last_item"));
    }

    @Test
    @Order(1)
    void readingNeedsAValidTokenAndWritingNeedsWritePermission() {
        given().get("/data").then().statusCode(401);
        String readOnly = Devices.deviceToken("data-bob", "read").token();
        given().header("token", readOnly).delete("/data").then().statusCode(403);
        given().header("token", readOnly).contentType(ContentType.JSON).body("[{\"id\":\"x\",\"value\":1}]").put("/data")
                .then().statusCode(403);
    }

    @Test
    @Order(2)
    void putEditsOnlyTheFieldsGivenAndChecksThem() {
        String id = device().queryParam("variable", "status").get("/data").then().extract().path("result[0].id");
        device().contentType(ContentType.JSON).body(List.of(Map.of("id", id, "value", "closed", "metadata", Map.of("by", "test"))))
                .put("/data").then().statusCode(200).body("result", equalTo("1 Data Updated"));
        device().queryParam("variable", "status").get("/data").then()
                .body("result[0].value", equalTo("closed"))
                .body("result[0].metadata.by", equalTo("test"))
                .body("result[0].time", equalTo("2026-01-01T01:30:00Z"));
        device().contentType(ContentType.JSON).body(List.of(Map.of("id", id, "value", Map.of("nested", 1))))
                .put("/data").then().statusCode(400).body("field_errors.'[0]'", containsString("never an object"));
        // an id that is none (a typo, or 300 kB of text) is named, not answered with "0 Data Updated"
        device().contentType(ContentType.JSON).body(List.of(Map.of("id", id + "0", "unit", "C")))
                .put("/data").then().statusCode(400).body("field_errors.'[0].id'", containsString("is not a data id"));
    }

    @Test
    @Order(3)
    void deleteRemovesWhatTheFiltersSelectNewestFirst() {
        device().queryParam("variable", "temperature").queryParam("qty", 2).delete("/data").then().statusCode(200)
                .body("result", equalTo("2 Data Removed"));
        device().queryParam("variable", "temperature").get("/data").then().body("result", hasSize(1))
                .body("result[0].value", equalTo(20f));
    }
}
