package io.hexgate.ingest.uplink;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.ingest.support.Devices;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A network server's webhook, {@code POST /integration/network/{network}/uplink} (SPEC §3.3): a service authorization
 * of a profile that may use the network, or the network's own token; token-service and network-service run for real.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"))
class WebhookTest {

    private static final String BODY = "{\"end_device_ids\":{\"dev_eui\":\"70B3D57ED0000001\"},\"uplink_message\":{}}";

    private static RequestSpecification as(String service, String profile) {
        return given().baseUri(ConfigProvider.getConfig().getValue("hexgate." + service + ".url", String.class))
                .contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(profile));
    }

    private static String authorizationOf(String profile) {
        return as("token-service", profile).body(Map.of("name", "webhook")).post("/serviceauth").then().statusCode(201)
                .extract().path("result.token");
    }

    private static RequestSpecification webhook() {
        return given().contentType(ContentType.JSON).body(BODY);
    }

    @Test
    void aServiceAuthorizationPostsToANetworkItsProfileMayUseAndNoOther() {
        String network = as("network-service", "wh-alice").body(Map.of("name", "LNS")).post("/integration/network")
                .then().statusCode(201).extract().path("result.network");
        String bobs = authorizationOf("wh-bob");
        // not shared with bob yet: not found, whatever it is
        webhook().header("Authorization", bobs).post("/integration/network/" + network + "/uplink").then().statusCode(404)
                .body("message", containsString("network " + network + " was not found"));
        as("network-service", "wh-alice").body(Map.of("profile", ProfileTokens.profileId("wh-bob")))
                .post("/integration/network/" + network + "/share").then().statusCode(200);
        webhook().header("Authorization", bobs).post("/integration/network/" + network + "/uplink").then().statusCode(202)
                .body("result", equalTo("1 Data Added"));
        webhook().queryParam("authorization", bobs).post("/integration/network/" + network + "/uplink").then().statusCode(202);
        webhook().header("Authorization", authorizationOf("wh-alice")).post("/integration/network/" + network + "/uplink")
                .then().statusCode(202);

        // a read-only one may not write; an unknown one is no credential
        String reader = as("token-service", "wh-bob").body(Map.of("name", "r", "permission", "read")).post("/serviceauth")
                .then().statusCode(201).extract().path("result.token");
        webhook().header("Authorization", reader).post("/integration/network/" + network + "/uplink").then().statusCode(403);
        webhook().header("Authorization", "at" + "0".repeat(32)).post("/integration/network/" + network + "/uplink")
                .then().statusCode(401).body("message", containsString("authorization: "));
        webhook().post("/integration/network/" + network + "/uplink").then().statusCode(401);
    }

    @Test
    void aNetworkTokenPostsToItsOwnNetworkOnly() {
        String network = as("network-service", "wh-carol").body(Map.of("name", "LNS")).post("/integration/network")
                .then().statusCode(201).extract().path("result.network");
        String other = as("network-service", "wh-carol").body(Map.of("name", "other")).post("/integration/network")
                .then().statusCode(201).extract().path("result.network");
        // token-service learns of the networks from hexgate.registry.changes
        String token = await().atMost(Duration.ofSeconds(15)).until(() -> as("token-service", "wh-carol")
                .body(Map.of("network", network)).post("/integration/network/token").then().extract().path("result.token"),
                found -> found != null);
        webhook().header("Authorization", token).post("/integration/network/" + network + "/uplink").then().statusCode(202);
        webhook().header("Authorization", token).post("/integration/network/" + other + "/uplink").then().statusCode(403)
                .body("message", containsString("this network token is network " + network + "'s"));
        Devices.Issued device = Devices.deviceToken("wh-carol", "full");
        webhook().header("Authorization", device.token()).post("/integration/network/" + network + "/uplink").then()
                .statusCode(401).body("message", containsString("needs a network token"));
        webhook().header("Authorization", token).post("/integration/network/not-an-id/uplink").then().statusCode(400)
                .body("field_errors.network", containsString("'not-an-id' is not an id (24 lowercase hexadecimal characters)"));
    }
}
