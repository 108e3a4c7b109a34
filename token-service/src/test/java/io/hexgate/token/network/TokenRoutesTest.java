package io.hexgate.token.network;

import static io.hexgate.token.support.Tokens.as;
import static io.hexgate.token.support.Tokens.deviceToken;
import static io.hexgate.token.support.Tokens.networkToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.RegistryEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Create, list and revoke network and device tokens (SPEC §3.2). */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TokenRoutesTest {

    @Inject
    Pool database;

    private RegistryEvents registry;
    private String network;

    @BeforeEach
    void network() {
        registry = new RegistryEvents(database);
        network = registry.network("tr-alice", "", "");
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void networkTokensAreShownOnceAndListedByTheirFirstCharacters() {
        String token = as("tr-alice").body(Map.of("network", network, "name", "TTN", "permission", "write", "expire_time", "3 months"))
                .post("/integration/network/token").then().statusCode(201)
                .body("result.token", matchesPattern("n-[0-9a-f]{32}"))
                .body("result.name", equalTo("TTN"))
                .body("result.network", equalTo(network))
                .body("result.permission", equalTo("write"))
                .body("result.expire_time", notNullValue())
                .extract().path("result.token");
        as("tr-alice").get("/integration/network/token/" + network).then().statusCode(200)
                .body("result", hasSize(1))
                .body("result[0].token", equalTo(token.substring(0, 8) + "…"))
                .body("result[0].name", equalTo("TTN"))
                .body("result.toString()", not(containsString(token)));
        as("tr-alice").delete("/integration/network/token/" + token).then().statusCode(200);
        as("tr-alice").get("/integration/network/token/" + network).then().body("result", hasSize(0));
        as("tr-alice").delete("/integration/network/token/" + token).then().statusCode(404);
    }

    @Test
    void badPermissionOrExpiryNamesTheField() {
        as("tr-alice").body(Map.of("network", network, "permission", "admin")).post("/integration/network/token")
                .then().statusCode(400).body("field_errors.permission", containsString("'admin' is not one of full, write, read, deny"));
        as("tr-alice").body(Map.of("network", network, "expire_time", "soon")).post("/integration/network/token")
                .then().statusCode(400).body("field_errors.expire_time", containsString("'soon' is not 'never'"));
        as("tr-alice").body(Map.of()).post("/integration/network/token")
                .then().statusCode(400).body("field_errors.network", containsString("required"));
    }

    @Test
    void anotherProfileCannotSeeOrUseYourNetworkOrDevice() {
        as("tr-mallory").body(Map.of("network", network)).post("/integration/network/token").then().statusCode(404);
        as("tr-mallory").get("/integration/network/token/" + network).then().statusCode(404);
        String token = networkToken("tr-alice", network);
        as("tr-mallory").delete("/integration/network/token/" + token).then().statusCode(404);

        String device = registry.device("tr-alice", network, "abc");
        as("tr-mallory").body(Map.of("device", device)).post("/device/token").then().statusCode(404);
        as("tr-mallory").get("/device/token/" + device).then().statusCode(404);
    }

    @Test
    void deviceTokensAreUuidsListedByTheirFirstCharacters() {
        String device = registry.device("tr-alice", network, "abc");
        as("tr-alice").body(Map.of("device", device, "name", "firmware", "permission", "read")).post("/device/token")
                .then().statusCode(201)
                .body("result.token", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .body("result.expire_time", equalTo("never"))
                .body("result.permission", equalTo("read"));
        String second = deviceToken("tr-alice", device, Map.of("name", "second"));
        as("tr-alice").get("/device/token/" + device).then().statusCode(200)
                .body("result.name", equalTo(List.of("firmware", "second")))
                .body("result[1].token", endsWith("…"));
        as("tr-alice").delete("/device/token/" + second).then().statusCode(200);
        as("tr-alice").get("/device/token/" + device).then().body("result", hasSize(1));
    }

    @Test
    void tokenRoutesNeedAProfileToken() {
        io.restassured.RestAssured.given().get("/integration/network/token/" + network).then().statusCode(401)
                .body("status", equalTo(false));
    }
}
