package io.hexgate.network.network;

import static io.hexgate.network.support.Registry.as;
import static io.hexgate.network.support.Registry.asAdmin;
import static io.hexgate.network.support.Registry.createConnector;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The networks that ship with Hexgate: there after start-up under their documented ids, public to every profile,
 * read-only to all (administrators too), usable by a profile's connectors and devices, and not created twice.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class BuiltInNetworksTest {

    private static final String TTS = "b17000000000000000000001";
    private static final String CHIRPSTACK = "b17000000000000000000002";

    @Inject
    NetworkService networks;

    @Test
    void everyProfileSeesThemUnderTheirDocumentedIds() {
        as("builtin-alice").get("/integration/network/" + TTS).then().statusCode(200)
                .body("result.name", equalTo("The Things Stack v3"))
                .body("result.public", equalTo(true))
                .body("result.profile", equalTo(BuiltInNetworks.OWNER))
                .body("result.serial_number.mask", equalTo("FF-FF-FF-FF-FF-FF-FF-FF"))
                .body("result.serial_number.case", equalTo("upper"))
                .body("result.serial_number.required", equalTo(true));
        as("builtin-bob").get("/integration/network/" + CHIRPSTACK).then().statusCode(200)
                .body("result.name", equalTo("ChirpStack v4"));
        as("builtin-bob").queryParam("fields", "id,name").queryParam("amount", 100)
                .queryParam("filter[public]", true).get("/integration/network").then().statusCode(200)
                .body("result.id", hasItems(TTS, CHIRPSTACK));
    }

    @Test
    void nobodyEditsDeletesOrSharesThem() {
        for (var caller : List.of(as("builtin-alice"), asAdmin("builtin-admin"))) {
            caller.contentType("application/json").body(Map.of("name", "mine now")).put("/integration/network/" + TTS)
                    .then().statusCode(403).body("message", containsString("built-in The Things Stack v3 network"));
        }
        as("builtin-alice").delete("/integration/network/" + CHIRPSTACK).then().statusCode(403)
                .body("message", containsString("cannot be deleted"));
        as("builtin-alice").get("/integration/network/" + TTS).then().body("result.name", equalTo("The Things Stack v3"));
    }

    @Test
    void aProfileBuildsItsConnectorsOnThem() {
        String connector = createConnector("builtin-alice", "Milesight EM300", List.of(TTS, CHIRPSTACK), Map.of());
        as("builtin-alice").get("/integration/connector/" + connector).then().statusCode(200)
                .body("result.networks", hasItems(TTS, CHIRPSTACK));
    }

    @Test
    void aSecondStartChangesNothing() throws Throwable {
        long before = as("builtin-alice").get("/integration/network/" + TTS).then().extract().jsonPath().getLong("result.version");
        for (BuiltInNetworks.Definition definition : BuiltInNetworks.ALL) {
            assertNull(VertxContextSupport.subscribeAndAwait(() -> networks.ensureBuiltIn(definition.id(),
                    BuiltInNetworks.OWNER, definition.input())), definition.name() + " was written again");
        }
        assertEquals(before, as("builtin-alice").get("/integration/network/" + TTS).then().extract().jsonPath().getLong("result.version"));
    }
}
