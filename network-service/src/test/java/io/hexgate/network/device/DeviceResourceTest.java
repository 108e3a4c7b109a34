package io.hexgate.network.device;

import static io.hexgate.network.support.Registry.as;
import static io.hexgate.network.support.Registry.base64;
import static io.hexgate.network.support.Registry.createConnector;
import static io.hexgate.network.support.Registry.createNetwork;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Devices against the real token-service (run from its packaged jar), PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service"))
class DeviceResourceTest {

    private static final String EUI = "FF-FF-FF-FF-FF-FF-FF-FF";

    @Inject
    Pool database;

    private String network;
    private String connector;

    @BeforeEach
    void networkAndConnector() {
        network = createNetwork("dev-alice", Map.of("name", "LoRaWAN",
                "serial_number", Map.of("mask", EUI, "case", "upper", "required", true),
                "device_parameters", List.of(Map.of("name", "fport", "type", "number", "default", "1"))));
        connector = createConnector("dev-alice", "TH sensor", List.of(network), Map.of(
                "device_parameters", List.of(Map.of("name", "interval", "default", "60"))));
    }

    /** A serial of the network's mask that no other device of the run has. */
    private static String randomSerial() {
        return String.format("%016x", java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    private Map<String, Object> device(String name, String serial) {
        return Map.of("name", name, "network", network, "connector", connector, "serie_number", serial);
    }

    @Test
    void creatingADeviceReturnsItsFirstTokenFromTokenService() {
        Map<String, String> created = as("dev-alice").body(device("th-1", "08-86-ab-56-82-6c-f2-ee"))
                .post("/device").then().statusCode(201)
                .body("result.device_id", matchesPattern("[0-9a-f]{24}"))
                .body("result.token", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .extract().path("result");
        String id = created.get("device_id");
        as("dev-alice").get("/device/" + id).then().statusCode(200)
                .body("result.serie_number", equalTo("0886AB56826CF2EE"))
                .body("result.active", equalTo(true))
                .body("result.connector_parse", equalTo(true))
                .body("result.params.key", equalTo(List.of("fport", "interval")))
                .body("result.params.value", equalTo(List.of("1", "60")));

        // token-service stores only the SHA-256 of the token, with the device's normalised serial.
        var rows = database.preparedQuery("SELECT device_id, serie_number, permission FROM tokens.device_tokens WHERE token_hash = $1")
                .execute(Tuple.of(sha256(created.get("token")))).await().indefinitely();
        assertEquals(1, rows.size());
        assertEquals(id, rows.iterator().next().getString("device_id"));
        assertEquals("0886AB56826CF2EE", rows.iterator().next().getString("serie_number"));
        assertEquals("full", rows.iterator().next().getString("permission"));
        assertEquals(0, database.preparedQuery("SELECT 1 FROM tokens.device_tokens WHERE token_hash = $1 OR token_hint = $1")
                .execute(Tuple.of(created.get("token"))).await().indefinitely().size());
    }

    @Test
    void serialsAreNormalisedAndUniquePerNetworkAndProfile() {
        as("dev-alice").body(device("a", "0886ab56826cf2e1")).post("/device").then().statusCode(201);
        as("dev-alice").body(device("b", "08-86-AB-56-82-6C-F2-E1")).post("/device").then().statusCode(409)
                .body("message", containsString("already has serial '0886AB56826CF2E1'"));
        as("dev-alice").body(device("c", "08-86-XB-56-82-6c-f2-ee")).post("/device").then().statusCode(400)
                .body("field_errors.serie_number", containsString("character 7 'X' must be hexadecimal"));
        as("dev-alice").body(Map.of("name", "d", "network", network, "connector", connector)).post("/device")
                .then().statusCode(400).body("field_errors.serie_number", containsString("requires a serial number"));

        // The same serial in another profile is another device (the network is shared with it).
        as("dev-alice").body(Map.of("profile", ProfileTokens.profileId("dev-bob"))).post("/integration/network/" + network + "/share");
        as("dev-alice").body(Map.of("profile", ProfileTokens.profileId("dev-bob"))).post("/integration/connector/" + connector + "/share");
        as("dev-bob").body(device("bob's", "0886ab56826cf2e1")).post("/device").then().statusCode(201);
    }

    @Test
    void editingASerialNormalisesItAndKeepsItUnique() {
        as("dev-alice").body(device("first", "0886ab56826cf2f1")).post("/device").then().statusCode(201);
        String id = as("dev-alice").body(device("second", "0886ab56826cf2f2")).post("/device")
                .then().statusCode(201).extract().path("result.device_id");
        as("dev-alice").body(Map.of("serie_number", "08-86-ab-56-82-6c-f2-f1")).put("/device/" + id).then().statusCode(409);
        as("dev-alice").body(Map.of("serie_number", "08-86-ab")).put("/device/" + id).then().statusCode(400)
                .body("field_errors.serie_number", containsString("too short"));
        as("dev-alice").body(Map.of("serie_number", "08-86-ab-56-82-6c-f2-f3", "active", false)).put("/device/" + id)
                .then().statusCode(200);
        as("dev-alice").get("/device/" + id).then().body("result.serie_number", equalTo("0886AB56826CF2F3"))
                .body("result.active", equalTo(false)).body("result.version", equalTo(2));
    }

    @Test
    void aDeviceNeedsAVisibleNetworkAndAConnectorListingIt() {
        String other = createNetwork("dev-alice", Map.of("name", "other"));
        as("dev-alice").body(Map.of("name", "x", "network", other, "connector", connector)).post("/device")
                .then().statusCode(400).body("field_errors.connector", containsString("does not list network " + other));
        as("dev-mallory").body(device("x", "0886ab56826cf2e2")).post("/device")
                .then().statusCode(400).body("field_errors.network", containsString("not visible to you"));
        as("dev-alice").body(Map.of("network", network)).post("/device").then().statusCode(400)
                .body("field_errors.name", containsString("required"))
                .body("field_errors.connector", containsString("required"));
    }

    // Encoded forms only: the test's HTTP client resolves a plain ../ itself (the system tests send it raw)
    @ParameterizedTest
    @ValueSource(strings = { "%2e%2e", "%2E%2e", "%2e", "%2e%2E/x" })
    void aDotSegmentInAPathIsRefusedAndDeletesNothing(String segment) {
        String id = as("dev-alice").body(device("dots", randomSerial())).post("/device")
                .then().statusCode(201).extract().path("result.device_id");
        as("dev-alice").urlEncodingEnabled(false).delete("/device/" + id + "/params/" + segment)
                .then().statusCode(400).body("message", containsString("dot segment"));
        as("dev-alice").get("/device/" + id).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "null", "[null]", "[{\"key\":\"a\"},null]" })
    void aNullParamIsRefusedWith400(String body) {
        String id = as("dev-alice").body(device("nulls", randomSerial()))
                .post("/device").then().statusCode(201).extract().path("result.device_id");
        as("dev-alice").body(body).post("/device/" + id + "/params").then().statusCode(400)
                .body("field_errors.params", containsString("an object {key, value, sent}"));
    }

    @Test
    void paramsAreEditedByIdOrKeyUpToSixty() {
        String id = as("dev-alice").body(device("p", "0886ab56826cf2e3")).post("/device")
                .then().statusCode(201).extract().path("result.device_id");
        as("dev-alice").body(Map.of("key", "interval", "value", 120)).post("/device/" + id + "/params")
                .then().statusCode(200).body("result.find { it.key == 'interval' }.value", equalTo("120"));
        as("dev-alice").body(List.of(Map.of("key", "label", "value", "kitchen", "sent", true))).post("/device/" + id + "/params")
                .then().statusCode(200).body("result", hasSize(3));
        String paramId = as("dev-alice").get("/device/" + id + "/params").then().statusCode(200)
                .extract().path("result.find { it.key == 'label' }.id");
        as("dev-alice").delete("/device/" + id + "/params/" + paramId).then().statusCode(200);
        as("dev-alice").get("/device/" + id + "/params").then().body("result.key", equalTo(List.of("fport", "interval")));

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 59; i++) {
            many.add(Map.of("key", "k" + i, "value", i));
        }
        as("dev-alice").body(many).post("/device/" + id + "/params").then().statusCode(400)
                .body("field_errors.params", containsString("at most 60 params; this would make 61"));
    }

    @Test
    void deviceParsersAreCheckedAndParseFunctionIsPlainSource() {
        Map<String, Object> body = new java.util.HashMap<>(device("parsed", "0886ab56826cf2e4"));
        body.put("parse_function", "payload = payload.filter(function (d) { return d.variable !== 'x'; });");
        String id = as("dev-alice").body(body).post("/device").then().statusCode(201).extract().path("result.device_id");
        as("dev-alice").get("/device/" + id).then().body("result.payload_decoder",
                equalTo(base64("payload = payload.filter(function (d) { return d.variable !== 'x'; });")));
        as("dev-alice").body(Map.of("parse_function", "payload = [;")).put("/device/" + id).then().statusCode(400)
                .body("field_errors.parse_function", containsString("line 1, column"));
    }

    @Test
    void deletingADeviceRevokesItsTokensAndNetworksWithDevicesNeedForce() {
        String token = as("dev-alice").body(device("gone", "0886ab56826cf2e5")).post("/device")
                .then().statusCode(201).extract().path("result.token");
        String id = as("dev-alice").get("/device?filter[serie_number]=0886AB56826CF2E5").then().statusCode(200)
                .body("result", hasSize(1)).extract().path("result[0].id");
        as("dev-alice").delete("/integration/network/" + network).then().statusCode(409)
                .body("message", containsString("add ?force=true"));
        as("dev-alice").delete("/device/" + id).then().statusCode(200);
        assertEquals(0, database.preparedQuery("SELECT 1 FROM tokens.device_tokens WHERE token_hash = $1")
                .execute(Tuple.of(sha256(token))).await().indefinitely().size());
        as("dev-alice").get("/device/" + id).then().statusCode(404);

        as("dev-alice").body(device("forced", "0886ab56826cf2e6")).post("/device").then().statusCode(201);
        as("dev-alice").delete("/integration/connector/" + connector).then().statusCode(409);
        as("dev-alice").delete("/integration/network/" + network + "?force=true").then().statusCode(200);
        as("dev-alice").get("/device").then().body("result.network", org.hamcrest.Matchers.not(hasItem(network)));
    }

    @Test
    void changingTheMaskSaysHowManyDevicesNoLongerMatch() {
        as("dev-alice").body(device("m1", "0886ab56826cf2e7")).post("/device").then().statusCode(201);
        as("dev-alice").body(device("m2", "0886ab56826cf2e8")).post("/device").then().statusCode(201);
        as("dev-alice").body(Map.of("serial_number", Map.of("mask", "FFFF", "case", "upper"))).put("/integration/network/" + network)
                .then().statusCode(200).body("message", containsString("2 existing device(s)"));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
