package io.hexgate.network.connector;

import static io.hexgate.network.support.Registry.as;
import static io.hexgate.network.support.Registry.createConnector;
import static io.hexgate.network.support.Registry.createNetwork;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ConnectorResourceTest {

    @Test
    void aConnectorListsNetworksItsProfileCanSee() {
        String network = createNetwork("con-alice", Map.of("name", "LoRaWAN"));
        String id = createConnector("con-alice", "Temperature sensor", List.of(network),
                Map.of("description", "TH-01", "install_text", "Scan the QR code",
                        "device_parameters", List.of(Map.of("name", "interval", "type", "number", "default", "60"))));
        as("con-alice").get("/integration/connector/" + id).then().statusCode(200)
                .body("result.name", equalTo("Temperature sensor"))
                .body("result.networks", equalTo(List.of(network)))
                .body("result.install_text", equalTo("Scan the QR code"))
                .body("result.device_parameters[0].default", equalTo("60"));
    }

    /** docs/codecs.md: the decoder's declared entry point, and the downlink encoder kept apart from the decoder. */
    @Test
    void aConnectorDeclaresItsDecodersEntryPointAndKeepsItsEncoderApart() {
        String network = createNetwork("con-codec", Map.of("name", "LoRaWAN"));
        String encoder = java.util.Base64.getEncoder().encodeToString(
                "function encodeDownlink(input) { return { bytes: [input.data.on ? 1 : 0], fPort: 1 }; }".getBytes());
        String id = createConnector("con-codec", "Valve", List.of(network),
                Map.of("decoder_entry", "Decode", "payload_encoder", encoder));
        as("con-codec").get("/integration/connector/" + id).then().statusCode(200)
                .body("result.decoder_entry", equalTo("Decode"))
                .body("result.payload_encoder", equalTo(encoder));
        String plain = createConnector("con-codec", "Plain", List.of(network), Map.of());
        as("con-codec").get("/integration/connector/" + plain).then().statusCode(200)
                .body("result.decoder_entry", equalTo("auto"));
        // "" removes the encoder; the entry stays as declared
        as("con-codec").body(Map.of("payload_encoder", "")).put("/integration/connector/" + id).then().statusCode(200);
        as("con-codec").get("/integration/connector/" + id).then().statusCode(200)
                .body("result.payload_encoder", equalTo(null)).body("result.decoder_entry", equalTo("Decode"));

        as("con-codec").body(Map.of("decoder_entry", "decodeuplink")).put("/integration/connector/" + id).then()
                .statusCode(400).body("field_errors.decoder_entry", equalTo(
                        "decoder_entry: 'decodeuplink' is not one of auto, tagoio, decodeUplink, Decode, Decoder"));
        String noEncode = java.util.Base64.getEncoder().encodeToString("function decodeUplink(i) { return {}; }".getBytes());
        as("con-codec").body(Map.of("payload_encoder", noEncode)).put("/integration/connector/" + id).then()
                .statusCode(400).body("field_errors.payload_encoder", containsString("defines no function encodeDownlink"));
        String broken = java.util.Base64.getEncoder().encodeToString("function encodeDownlink(input) {".getBytes());
        as("con-codec").body(Map.of("payload_encoder", broken)).put("/integration/connector/" + id).then()
                .statusCode(400).body("field_errors.payload_encoder", containsString("line 1"));
    }

    @Test
    void aConnectorCannotListANetworkItsProfileCannotSee() {
        String hidden = createNetwork("con-alice", Map.of("name", "alice's private network"));
        as("con-mallory").body(Map.of("name", "c", "networks", List.of(hidden))).post("/integration/connector")
                .then().statusCode(400)
                .body("field_errors.networks", containsString("network " + hidden + " does not exist or is not visible to you"));
        as("con-mallory").body(Map.of("name", "c", "networks", List.of())).post("/integration/connector")
                .then().statusCode(400).body("field_errors.networks", containsString("at least one network"));
        as("con-mallory").body(Map.of("name", "c", "networks", List.of("xyz"))).post("/integration/connector")
                .then().statusCode(400).body("field_errors.'networks[0]'", containsString("'xyz' is not an id"));
    }

    @Test
    void sharingAConnectorWarnsWhenItsNetworkStaysPrivate() {
        String network = createNetwork("con-alice", Map.of("name", "private net"));
        String id = createConnector("con-alice", "shared connector", List.of(network), Map.of());
        String bob = ProfileTokens.profileId("con-bob");
        as("con-alice").body(Map.of("profile", bob)).post("/integration/connector/" + id + "/share").then().statusCode(200)
                .body("result", equalTo("Connector shared with " + bob))
                .body("message", containsString("sharing a connector shares nothing of its networks"))
                .body("message", containsString(network));
        as("con-bob").get("/integration/connector/" + id).then().statusCode(200);
        as("con-bob").get("/integration/network/" + network).then().statusCode(404);

        as("con-alice").body(Map.of("profile", bob)).post("/integration/network/" + network + "/share").then().statusCode(200);
        as("con-alice").body(Map.of("profile", bob)).post("/integration/connector/" + id + "/share").then().statusCode(200)
                .body("message", equalTo(null));
    }

    @Test
    void onlyTheOwnerChangesOrDeletesAConnector() {
        String network = createNetwork("con-alice", Map.of("name", "n"));
        String id = createConnector("con-alice", "mine", List.of(network), Map.of());
        as("con-bob").get("/integration/connector/" + id).then().statusCode(404);
        as("con-bob").body(Map.of("name", "x")).put("/integration/connector/" + id).then().statusCode(404);
        as("con-alice").body(Map.of("profile", ProfileTokens.profileId("con-bob"))).post("/integration/connector/" + id + "/share");
        as("con-bob").body(Map.of("name", "x")).put("/integration/connector/" + id).then().statusCode(403);
        as("con-bob").delete("/integration/connector/" + id).then().statusCode(403);

        as("con-alice").body(Map.of("name", "renamed")).put("/integration/connector/" + id).then().statusCode(200);
        as("con-alice").get("/integration/connector").then().body("result.name", hasItem("renamed"));
        as("con-alice").delete("/integration/connector/" + id).then().statusCode(200);
        as("con-alice").get("/integration/connector").then().body("result.id", not(hasItem(id)));
    }
}
