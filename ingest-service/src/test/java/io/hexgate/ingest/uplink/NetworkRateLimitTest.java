package io.hexgate.ingest.uplink;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Network-level uplinks are limited per network <em>and profile</em>: a built-in network serves every profile, and
 * one profile's flood of webhooks must not take another's (issue 18). A limit of 3 per second, burst 3.
 */
@QuarkusTest
@TestProfile(NetworkRateLimitTest.Low.class)
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"))
class NetworkRateLimitTest {

    /** The built-in The Things Stack v3 network: public, every profile may post to it. */
    private static final String TTS = "b17000000000000000000001";
    private static final String BODY = "{\"end_device_ids\":{\"dev_eui\":\"70B3D57ED0000001\"},\"uplink_message\":{}}";

    public static class Low implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hexgate.ingest.network-per-second", "3", "hexgate.ingest.network-burst", "3");
        }
    }

    private static String authorizationOf(String profile) {
        return given().baseUri(ConfigProvider.getConfig().getValue("hexgate.token-service.url", String.class))
                .contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(profile))
                .body(Map.of("name", "webhook")).post("/serviceauth").then().statusCode(201).extract().path("result.token");
    }

    private static int post(String authorization) {
        return given().contentType(ContentType.JSON).body(BODY).header("Authorization", authorization)
                .post("/integration/network/" + TTS + "/uplink").statusCode();
    }

    @Test
    void oneProfilesFloodOnAPublicNetworkLeavesAnotherProfilesWebhooksAlone() {
        String flooder = authorizationOf("rl-flooder");
        String neighbour = authorizationOf("rl-neighbour");
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            if (post(flooder) == 429) {
                refused++;
            }
        }
        assertTrue(refused >= 5, "the flooder's posts past its burst were refused: " + refused + " of 10");
        given().contentType(ContentType.JSON).body(BODY).header("Authorization", flooder)
                .post("/integration/network/" + TTS + "/uplink").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("message", containsString("per network and profile"));
        for (int i = 0; i < 3; i++) {
            assertEquals(202, post(neighbour), "the neighbour's post " + i);
        }
    }
}
