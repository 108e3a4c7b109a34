package io.hexgate.parser.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Networks, connectors and devices made at the real network-service running beside parser-worker. */
public final class Registry {

    private Registry() {
    }

    /** Calls network-service as the owner: where the test reaches it, even when parser-worker is told it is away. */
    public static RequestSpecification as(String owner) {
        String url = ConfigProvider.getConfig().getOptionalValue(RealInfrastructure.testUrlOf("network-service"), String.class)
                .orElseGet(() -> ConfigProvider.getConfig().getValue("hexgate.network-service.url", String.class));
        return given().baseUri(url).contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(owner));
    }

    public static String network(String owner, String parser) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "network of " + owner));
        if (parser != null) {
            body.put("payload_decoder", base64(parser));
        }
        return as(owner).body(body).post("/integration/network").then().statusCode(201).extract().path("result.network");
    }

    public static String connector(String owner, String network, String parser) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "connector of " + owner, "networks", List.of(network)));
        if (parser != null) {
            body.put("payload_decoder", base64(parser));
        }
        return as(owner).body(body).post("/integration/connector").then().statusCode(201).extract().path("result.connector");
    }

    /** A device; {@code parser} (its own, may be null) and {@code serial} (may be null). Returns its id. */
    public static String device(String owner, String network, String connector, String parser, String serial) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "device of " + owner, "network", network,
                "connector", connector, "tags", List.of(Map.of("key", "site", "value", "north"))));
        if (parser != null) {
            body.put("payload_decoder", base64(parser));
        }
        if (serial != null) {
            body.put("serie_number", serial);
        }
        return as(owner).body(body).post("/device").then().statusCode(201).extract().path("result.device_id");
    }

    public static String base64(String source) {
        return Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8));
    }
}
