package io.hexgate.token.resolve;

import static io.hexgate.token.support.Tokens.deviceToken;
import static io.hexgate.token.support.Tokens.networkToken;
import static io.hexgate.token.support.Tokens.resolveWith;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.RegistryEvents;
import io.hexgate.token.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Serial → device token over HTTP, with registry changes arriving through Kafka as in production. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ResolveTest {

    private static final String EUI = "FF-FF-FF-FF-FF-FF-FF-FF";

    @Inject
    Pool database;

    private RegistryEvents registry;
    private String network;
    private String networkToken;

    @BeforeEach
    void network() {
        registry = new RegistryEvents(database);
        network = registry.network("res-alice", EUI, "upper");
        networkToken = networkToken("res-alice", network);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0886AB56826CF2EE", "0886ab56826cf2ee", "08-86-ab-56-82-6c-f2-ee", "08-86-AB-56-82-6C-F2-EE"})
    void everyFormOfTheSerialResolvesTheSameDevice(String form) {
        String device = registry.device("res-alice", network, "0886AB56826CF2EE");
        String token = deviceToken("res-alice", device, Map.of());
        resolveWith(networkToken).get("/integration/network/resolve/" + form).then().statusCode(200)
                .body("status", equalTo(true)).body("result", equalTo(token));
        registry.deleteDevice(device, "res-alice");
    }

    @Test
    void theTokenIsAcceptedFromTheAuthorizationHeaderBareOrBearer() {
        String device = registry.device("res-alice", network, "0886AB56826CF2E1");
        String token = deviceToken("res-alice", device, Map.of());
        given().header("Authorization", networkToken).get("/integration/network/resolve/0886AB56826CF2E1")
                .then().statusCode(200).body("result", equalTo(token));
        given().header("Authorization", "Bearer " + networkToken).get("/integration/network/resolve/0886AB56826CF2E1")
                .then().statusCode(200).body("result", equalTo(token));
    }

    @Test
    void theOldestActiveTokenThatMayWriteIsReturned() {
        String device = registry.device("res-alice", network, "0886AB56826CF2E2");
        deviceToken("res-alice", device, Map.of("permission", "read"));
        String oldestWriter = deviceToken("res-alice", device, Map.of("permission", "write"));
        deviceToken("res-alice", device, Map.of("permission", "full"));
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E2").then().statusCode(200)
                .body("result", equalTo(oldestWriter));
    }

    @Test
    void unknownAndMalformedSerials() {
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CFFFF").then().statusCode(404)
                .body("message", containsString("no device with serial '0886AB56826CFFFF'"));
        resolveWith(networkToken).get("/integration/network/resolve/08-86-XB-56-82-6c-f2-ee").then().statusCode(400)
                .body("message", containsString("character 7 'X' must be hexadecimal"));
    }

    @Test
    void aSerialInTwoProfilesNeedsTheAuthorizationSegment() {
        String alices = registry.device("res-alice", network, "0886AB56826CF2E3");
        String bobs = registry.device("res-bob", network, "0886AB56826CF2E3");
        String alicesToken = deviceToken("res-alice", alices, Map.of());
        String bobsToken = Tokens.deviceToken("res-bob", bobs, Map.of());
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E3").then().statusCode(409)
                .body("message", containsString("as /{authorization} to choose one"));
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E3/" + ProfileTokens.forProfile("res-bob"))
                .then().statusCode(200).body("result", equalTo(bobsToken));
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E3/" + ProfileTokens.forProfile("res-alice"))
                .then().statusCode(200).body("result", equalTo(alicesToken));
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E3/not.a.jwt").then().statusCode(401);
    }

    @Test
    void aNetworkTokenCannotResolveAnotherNetworksSerial() {
        String other = registry.network("res-alice", EUI, "upper");
        String device = registry.device("res-alice", other, "0886AB56826CF2E4");
        deviceToken("res-alice", device, Map.of());
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E4").then().statusCode(403)
                .body("message", containsString("is on another network"));
        String strangers = registry.network("res-carol", EUI, "upper");
        registry.device("res-carol", strangers, "0886AB56826CF2E5");
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E5").then().statusCode(404);
    }

    @Test
    void missingUnknownExpiredAndDeviceTokensAre401() {
        given().get("/integration/network/resolve/0886AB56826CF2EE").then().statusCode(401)
                .body("message", containsString("network token is required"));
        resolveWith("n-00000000000000000000000000000000").get("/integration/network/resolve/0886AB56826CF2EE")
                .then().statusCode(401);
        String expired = networkToken("res-alice", network, Map.of("expire_time", "2020-01-01"));
        resolveWith(expired).get("/integration/network/resolve/0886AB56826CF2EE").then().statusCode(401)
                .body("message", containsString("expired"));
        String device = registry.device("res-alice", network, "0886AB56826CF2E6");
        String deviceToken = deviceToken("res-alice", device, Map.of());
        resolveWith(deviceToken).get("/integration/network/resolve/0886AB56826CF2E6").then().statusCode(401)
                .body("message", containsString("needs a network token"));
        String denied = networkToken("res-alice", network, Map.of("permission", "deny"));
        resolveWith(denied).get("/integration/network/resolve/0886AB56826CF2E6").then().statusCode(403);
    }

    @Test
    void aReadOnlyNetworkTokenCannotObtainADeviceTokenThatWrites() {
        registry.device("res-alice", network, "0886AB56826CF2E7");
        String readOnly = networkToken("res-alice", network, Map.of("permission", "read"));
        resolveWith(readOnly).get("/integration/network/resolve/0886AB56826CF2E7").then().statusCode(403)
                .body("message", containsString("'read'"));
    }

    @Test
    void revokingTheNetworkTokenTakesEffectWithinOneSecond() {
        String device = registry.device("res-alice", network, "0886AB56826CF2E7");
        deviceToken("res-alice", device, Map.of());
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E7").then().statusCode(200);
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E7").then().statusCode(200);
        Tokens.as("res-alice").delete("/integration/network/token/" + networkToken).then().statusCode(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E7").statusCode() == 401);
    }

    @Test
    void revokingTheDeviceTokenOrDeletingTheDeviceTakesEffectWithinOneSecond() {
        String device = registry.device("res-alice", network, "0886AB56826CF2E8");
        String first = deviceToken("res-alice", device, Map.of());
        String second = deviceToken("res-alice", device, Map.of());
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E8").then().body("result", equalTo(first));
        Tokens.as("res-alice").delete("/device/token/" + first).then().statusCode(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> second.equals(
                resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E8").path("result")));

        registry.deleteDevice(device, "res-alice");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E8").statusCode() == 404);
    }

    @Test
    void aChangedSerialOrMaskTakesEffectAtOnce() {
        String device = registry.device("res-alice", network, "0886AB56826CF2E9");
        String token = deviceToken("res-alice", device, Map.of());
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E9").then().statusCode(200);
        registry.upsertDevice(device, "res-alice", network, "0886AB56826CF2EA", true);
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2E9").then().statusCode(404);
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2EA").then().statusCode(200)
                .body("result", equalTo(token));
        registry.upsertNetwork(network, "res-alice", "FFFF", "upper");
        resolveWith(networkToken).get("/integration/network/resolve/0886AB56826CF2EA").then().statusCode(400)
                .body("message", containsString("too long"));
    }
}
