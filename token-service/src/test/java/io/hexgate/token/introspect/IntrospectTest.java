package io.hexgate.token.introspect;

import static io.hexgate.token.support.Tokens.as;
import static io.hexgate.token.support.Tokens.deviceToken;
import static io.hexgate.token.support.Tokens.networkToken;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;
import java.util.List;
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
import io.hexgate.common.testing.ServiceCredential;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** POST /internal/introspect: what ingest-service and parser-worker learn of a token. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class IntrospectTest {

    @Inject
    Pool database;

    private RegistryEvents registry;

    @BeforeEach
    void open() {
        registry = new RegistryEvents(database);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private static ValidatableResponse introspect(String token) {
        return given().header(ServiceCredential.HEADER, ServiceCredential.of("ingest-service", "token-service")).contentType(ContentType.JSON).body(Map.of("token", token)).post("/internal/introspect").then().statusCode(200);
    }

    @Test
    void aDeviceTokenTellsItsDeviceNetworkConnectorProfileAndPermission() {
        String network = registry.network("in-alice", "", "");
        String device = registry.device("in-alice", network, "s1");
        String token = deviceToken("in-alice", device, Map.of("permission", "write"));
        introspect(token)
                .body("active", equalTo(true))
                .body("kind", equalTo("device"))
                .body("device", equalTo(device))
                .body("network", equalTo(network))
                .body("profile", equalTo(ProfileTokens.profileId("in-alice")))
                .body("permission", equalTo("write"))
                .body("$", not(hasKey("hash")));
    }

    @Test
    void deactivatingTheDeviceDeactivatesItsTokensAtOnce() {
        String network = registry.network("in-alice", "", "");
        String device = registry.device("in-alice", network, "s2");
        String token = deviceToken("in-alice", device, Map.of());
        introspect(token).body("active", equalTo(true));
        registry.upsertDevice(device, "in-alice", network, "s2", false);
        introspect(token).body("active", equalTo(false)).body("reason", equalTo("device_inactive"));
    }

    @Test
    void revokedUnknownAndExpiredTokensAreInactive() {
        String network = registry.network("in-alice", "", "");
        String device = registry.device("in-alice", network, "s3");
        String token = deviceToken("in-alice", device, Map.of());
        introspect(token).body("active", equalTo(true));
        as("in-alice").delete("/device/token/" + token).then().statusCode(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> !introspect(token).extract().<Boolean>path("active"));
        introspect(token).body("reason", equalTo("unknown"));
        introspect("00000000-0000-0000-0000-000000000000").body("active", equalTo(false)).body("reason", equalTo("unknown"));
        String expired = deviceToken("in-alice", device, Map.of("expire_time", "2021-06-01T00:00:00Z"));
        introspect(expired).body("active", equalTo(false)).body("reason", equalTo("expired"));
        introspect(" ").body("active", equalTo(false)).body("reason", equalTo("no_token"));
    }

    @Test
    void networkAndProfileTokensAreTold() {
        String network = registry.network("in-alice", "", "");
        introspect(networkToken("in-alice", network)).body("kind", equalTo("network")).body("network", equalTo(network));
        introspect(ProfileTokens.forProfile("in-alice")).body("kind", equalTo("profile"))
                .body("profile", equalTo(ProfileTokens.profileId("in-alice")));
        introspect(ProfileTokens.expired("in-alice")).body("active", equalTo(false)).body("reason", equalTo("invalid"));
    }

    /** The callers decide on the reason's code (ingest-service's 403 for an inactive device, a revoked profile token). */
    @Test
    void aRevokedProfileTokenIsInactiveWithTheReasonRevoked() {
        Map<String, String> issued = given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile("in-carol"))
                .body(Map.of("name", "script", "expire_time", "1 day")).post("/profile/token")
                .then().statusCode(201).extract().path("result");
        introspect(issued.get("token")).body("active", equalTo(true));
        given().header("token", issued.get("token")).delete("/profile/token/" + issued.get("jti")).then().statusCode(200);
        introspect(issued.get("token")).body("active", equalTo(false)).body("reason", equalTo("revoked"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/internal/introspect", "/%69nternal/introspect", "//internal/introspect",
            "/internal/device-tokens", "/internal/device-tokens/revoke" })
    void internalRoutesRefuseACallWithoutAServiceCredential(String path) {
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(Map.of("token", "x")).post(path)
                .then().statusCode(401).body("status", equalTo(false)).body("message", containsString("service credential"));
    }

    @Test
    void internalRoutesRefuseAForgedOrMisaddressedOrUnlistedCredential() {
        String forged = ServiceCredential.of("ingest-service", "token-service", "another-secret-of-32-characters-or-more!!");
        String elsewhere = ServiceCredential.of("ingest-service", "network-service");
        String unlisted = ServiceCredential.of("ingest-service", "token-service");
        String profileToken = ProfileTokens.forProfile("in-alice");
        for (String credential : List.of(forged, elsewhere, profileToken)) {
            given().header(ServiceCredential.HEADER, credential).contentType(ContentType.JSON).body(Map.of("token", "x"))
                    .post("/internal/introspect").then().statusCode(401);
        }
        given().header(ServiceCredential.HEADER, unlisted).contentType(ContentType.JSON).body(Map.of("device", "x"))
                .post("/internal/device-tokens").then().statusCode(403).body("message", containsString("ingest-service"));
    }
}
