package io.hexgate.token.serviceauth;

import static io.hexgate.token.support.Tokens.as;
import static io.hexgate.token.support.Tokens.deviceToken;
import static io.hexgate.token.support.Tokens.networkToken;
import static io.hexgate.token.support.Tokens.resolveWith;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.RegistryEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** {@code /serviceauth} (SPEC §3.2) and a service authorization as the {authorization} of resolve. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ServiceAuthorizationTest {

    @Inject
    Pool database;

    private RegistryEvents registry;

    @BeforeEach
    void registry() {
        registry = new RegistryEvents(database);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private static String make(String profile, Map<String, Object> body) {
        return as(profile).body(body).post("/serviceauth").then().statusCode(201).extract().path("result.token");
    }

    @Test
    void madeShownOnceListedByHintEditedAndRevokedByItsOwnerOnly() {
        String token = as("sa-list-alice").body(Map.of("name", "TTS", "verification_code", "v1", "expire_time", "3 months",
                        "additional_parameters", Map.of("application", "app-1", "tenant", 7)))
                .post("/serviceauth").then().statusCode(201)
                .body("result.token", matchesPattern("at[0-9a-f]{32}"))
                .body("result.name", equalTo("TTS"))
                .body("result.permission", equalTo("full"))
                .body("result.additional_parameters.tenant", equalTo("7"))
                .extract().path("result.token");
        as("sa-list-alice").get("/serviceauth?filter[name]=TTS").then().statusCode(200)
                .body("result", hasSize(1))
                .body("result[0].token", equalTo(token.substring(0, 8) + "…"))
                .body("result[0].verification_code", equalTo("v1"))
                .body("result[0].additional_parameters.application", equalTo("app-1"))
                .body(not(containsString(token)));
        as("sa-list-bob").get("/serviceauth").then().statusCode(200).body("result", hasSize(0));

        as("sa-list-bob").body(Map.of("name", "mine now")).put("/serviceauth/" + token).then().statusCode(404);
        as("sa-list-bob").delete("/serviceauth/" + token).then().statusCode(404);
        as("sa-list-alice").body(Map.of("verification_code", "v2")).put("/serviceauth/" + token).then().statusCode(200)
                .body("result", equalTo("Authorization Code Successfully Updated"));
        as("sa-list-alice").get("/serviceauth?fields=name,verification_code").then()
                .body("result[0]", equalTo(Map.of("name", "TTS", "verification_code", "v2")));
        as("sa-list-alice").delete("/serviceauth/" + token).then().statusCode(200).body("result", equalTo("Token Successfully Removed"));
        as("sa-list-alice").get("/serviceauth").then().body("result", hasSize(0));
    }

    @Test
    void badInputIsA400NamingTheFieldAndTheRule() {
        as("sa-alice").body(Map.of("permission", "root")).post("/serviceauth").then().statusCode(400)
                .body("message", containsString("permission: 'root' is not one of"));
        as("sa-alice").body(Map.of("name", "n".repeat(256))).post("/serviceauth").then().statusCode(400)
                .body("field_errors.name", containsString("at most 255 characters, got 256"));
        as("sa-alice").body(Map.of("additional_parameters", Map.of("nested", Map.of("a", 1)))).post("/serviceauth").then()
                .statusCode(400).body("field_errors.'additional_parameters.nested'", containsString("got an object"));
        as("sa-alice").body(Map.of("additional_parameters", "text")).post("/serviceauth").then().statusCode(400)
                .body("field_errors.additional_parameters", containsString("has the wrong type"));
        as("sa-alice").contentType(ContentType.JSON).body("null").post("/serviceauth").then().statusCode(400);
        String token = make("sa-alice", Map.of());
        as("sa-alice").body(Map.of("permission", "read")).put("/serviceauth/" + token).then().statusCode(400)
                .body("field_errors.permission", containsString("cannot be changed"));
        as("sa-alice").get("/serviceauth?orderBy=token_hash,asc").then().statusCode(400)
                .body("field_errors.orderBy", containsString("cannot order by 'token_hash'"));
    }

    @Test
    void itNamesTheProfileOfAResolveAndARevokedOneFailsAtOnce() {
        String network = registry.network("sa-alice", "", "upper");
        String networkToken = networkToken("sa-alice", network);
        String alices = deviceToken("sa-alice", registry.device("sa-alice", network, "AA00000000000001"), Map.of());
        String bobs = deviceToken("sa-bob", registry.device("sa-bob", network, "AA00000000000001"), Map.of());
        String bobsAuthorization = make("sa-bob", Map.of("name", "webhook"));
        String alicesAuthorization = make("sa-alice", Map.of("name", "webhook"));
        resolveWith(networkToken).get("/integration/network/resolve/AA00000000000001").then().statusCode(409);
        resolveWith(networkToken).get("/integration/network/resolve/AA00000000000001/" + bobsAuthorization).then()
                .statusCode(200).body("result", equalTo(bobs));
        resolveWith(networkToken).get("/integration/network/resolve/AA00000000000001/" + alicesAuthorization).then()
                .statusCode(200).body("result", equalTo(alices));
        // a profile token still works as {authorization}
        resolveWith(networkToken).get("/integration/network/resolve/AA00000000000001/" + ProfileTokens.forProfile("sa-bob"))
                .then().statusCode(200).body("result", equalTo(bobs));

        String readOnly = make("sa-bob", Map.of("permission", "read"));
        resolveWith(networkToken).get("/integration/network/resolve/AA00000000000001/" + readOnly).then().statusCode(403)
                .body("message", containsString("authorization: the service authorization's permission is 'read'"));
        String expired = make("sa-bob", Map.of("expire_time", "2020-01-01"));
        resolveWith(networkToken).get("/integration/network/resolve/AA00000000000001/" + expired).then().statusCode(401)
                .body("message", containsString("authorization: the service authorization is not accepted"));

        // revoked while its resolution is cached: the next resolve already fails
        as("sa-bob").delete("/serviceauth/" + bobsAuthorization).then().statusCode(200);
        resolveWith(networkToken).get("/integration/network/resolve/AA00000000000001/" + bobsAuthorization).then()
                .statusCode(401).body("message", containsString("authorization: "));
    }
}
