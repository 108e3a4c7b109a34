package io.hexgate.network.internal;

import static io.hexgate.network.support.Registry.as;
import static io.hexgate.network.support.Registry.asAdmin;
import static io.hexgate.network.support.Registry.createConnector;
import static io.hexgate.network.support.Registry.createNetwork;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.ServiceCredential;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * GET /internal/registry: the registry for parser-worker's cache, in the form hexgate.registry.changes carries it,
 * with the sharing rules applied here for {@code visible_to} (parser-worker no longer copies them in SQL), and only
 * for parser-worker's service credential.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service"))
class InternalRegistryTest {

    private static RequestSpecification parserWorker() {
        return given().header(ServiceCredential.HEADER, ServiceCredential.of("parser-worker", "network-service"));
    }

    @Test
    void anEntityAnswersAsItsChangeEventAndVisibilityFollowsTheSharingRules() {
        String alice = ProfileTokens.profileId("reg-alice");
        String bob = ProfileTokens.profileId("reg-bob");
        String network = createNetwork("reg-alice", Map.of("name", "private one"));
        String shared = createNetwork("reg-alice", Map.of("name", "shared one"));
        as("reg-alice").body(Map.of("profile", bob)).post("/integration/network/" + shared + "/share").then().statusCode(200);
        String open = asAdmin("reg-alice").body(Map.of("name", "public one", "public", true)).post("/integration/network")
                .then().statusCode(201).extract().path("result.network");

        parserWorker().get("/internal/registry/network/" + network).then().statusCode(200)
                .body("type", equalTo("network")).body("op", equalTo("upsert")).body("id", equalTo(network))
                .body("profile", equalTo(alice)).body("version", equalTo(1))
                .body("entity.id", equalTo(network)).body("entity.name", equalTo("private one"));
        parserWorker().queryParam("visible_to", alice).get("/internal/registry/network/" + network).then().statusCode(200);
        parserWorker().queryParam("visible_to", bob).get("/internal/registry/network/" + network).then().statusCode(404)
                .body("message", containsString("not found"));
        parserWorker().queryParam("visible_to", bob).get("/internal/registry/network/" + shared).then().statusCode(200)
                .body("entity.shared_with", hasItem(bob));
        parserWorker().queryParam("visible_to", bob).get("/internal/registry/network/" + open).then().statusCode(200);
        parserWorker().get("/internal/registry/network/0123456789abcdef01234567").then().statusCode(404);
        parserWorker().get("/internal/registry/network/not-an-id").then().statusCode(404);
        parserWorker().get("/internal/registry/profile/" + network).then().statusCode(404);
    }

    @Test
    void aDeviceIsFoundByItsStoredSerialInItsProfileOnly() {
        String network = createNetwork("reg-carol", Map.of("name", "n", "serial_number",
                Map.of("mask", "FF-FF-FF-FF", "case", "upper", "required", true)));
        String connector = createConnector("reg-carol", "c", List.of(network), Map.of());
        String device = as("reg-carol").body(Map.of("name", "d", "network", network, "connector", connector,
                "serie_number", "ab-cd-ef-01")).post("/device").then().statusCode(201).extract().path("result.device_id");
        String carol = ProfileTokens.profileId("reg-carol");

        parserWorker().queryParam("network", network).queryParam("profile", carol).queryParam("serial", "ABCDEF01")
                .get("/internal/registry/devices").then().statusCode(200).body("id", equalTo(device));
        parserWorker().queryParam("network", network).queryParam("profile", ProfileTokens.profileId("reg-dave"))
                .queryParam("serial", "ABCDEF01").get("/internal/registry/devices").then().statusCode(404);
        parserWorker().get("/internal/registry/device/" + device).then().statusCode(200)
                .body("entity.serie_number", equalTo("ABCDEF01")).body("entity.connector", equalTo(connector));
        parserWorker().queryParam("visible_to", ProfileTokens.profileId("reg-dave")).get("/internal/registry/device/" + device)
                .then().statusCode(404);
    }

    @Test
    void onlyParserWorkersCredentialOpensTheRoute() {
        String network = createNetwork("reg-erin", Map.of("name", "n"));
        given().get("/internal/registry/network/" + network).then().statusCode(401);
        given().header("token", ProfileTokens.forProfile("reg-erin")).get("/internal/registry/network/" + network)
                .then().statusCode(401);
        given().header(ServiceCredential.HEADER, ServiceCredential.of("ingest-service", "network-service"))
                .get("/internal/registry/network/" + network).then().statusCode(403)
                .body("message", containsString("may not call /internal/registry"));
    }
}
