package io.hexgate.ingest.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RegistryEvents;
import io.hexgate.common.testing.ServiceCredential;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Devices and tokens at the real token-service running beside ingest-service, made as network-service makes them. */
public final class Devices {

    private Devices() {
    }

    public static String tokenService() {
        return ConfigProvider.getConfig().getValue("hexgate.token-service.url", String.class);
    }

    /** A device token for a new device id, with {@code permission}; its device, network, connector, profile ids. */
    public static Issued deviceToken(String owner, String permission) {
        Map<String, Object> body = new HashMap<>(Map.of("device", RegistryEvents.id(), "network", RegistryEvents.id(),
                "connector", RegistryEvents.id(), "profile", ProfileTokens.profileId(owner), "name", "test",
                "permission", permission));
        String token = given().baseUri(tokenService()).header(ServiceCredential.HEADER, ServiceCredential.of("network-service", "token-service")).contentType(ContentType.JSON).body(body)
                .post("/internal/device-tokens").then().statusCode(201).extract().path("token");
        return new Issued(token, (String) body.get("device"), (String) body.get("network"), (String) body.get("connector"),
                ProfileTokens.profileId(owner));
    }

    public static void revokeTokensOf(String device) {
        given().baseUri(tokenService()).header(ServiceCredential.HEADER, ServiceCredential.of("network-service", "token-service")).contentType(ContentType.JSON).body(Map.of("devices", List.of(device)))
                .post("/internal/device-tokens/revoke").then().statusCode(204);
    }

    /** A network token of a network token-service knows (published as a registry change first). */
    public static String networkToken(RegistryEvents registry, String owner, String network) {
        registry.upsertNetwork(network, owner, "", "");
        return given().baseUri(tokenService()).header(ServiceCredential.HEADER, ServiceCredential.of("network-service", "token-service")).contentType(ContentType.JSON)
                .header("token", ProfileTokens.forProfile(owner)).body(Map.of("network", network))
                .post("/integration/network/token").then().statusCode(201).extract().path("result.token");
    }

    /**
     * A device made through the real network-service (a network and a connector of {@code owner}'s first), as a
     * user makes one: its id, its token and its network.
     */
    public static Issued registered(String owner) {
        Supplier<RequestSpecification> registry = () -> given()
                .baseUri(ConfigProvider.getConfig().getValue("hexgate.network-service.url", String.class))
                .contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(owner));
        String network = registry.get().body(Map.of("name", "n")).post("/integration/network").then().statusCode(201)
                .extract().path("result.network");
        String connector = registry.get().body(Map.of("name", "c", "networks", List.of(network))).post("/integration/connector")
                .then().statusCode(201).extract().path("result.connector");
        Map<String, String> device = registry.get().body(Map.of("name", "d", "network", network, "connector", connector))
                .post("/device").then().statusCode(201).extract().path("result");
        return new Issued(device.get("token"), device.get("device_id"), network, connector, ProfileTokens.profileId(owner));
    }

    /** What was issued. */
    public record Issued(String token, String device, String network, String connector, String profile) {
    }
}
