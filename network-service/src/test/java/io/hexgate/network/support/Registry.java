package io.hexgate.network.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.hexgate.common.testing.ProfileTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Small HTTP helpers for registry tests: requests as a named profile, and the ids they create. */
public final class Registry {

    private Registry() {
    }

    public static RequestSpecification as(String profileName) {
        return given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(profileName));
    }

    public static RequestSpecification asAdmin(String profileName) {
        return given().contentType(ContentType.JSON).header("token", ProfileTokens.forAdmin(profileName));
    }

    public static String createNetwork(String profileName, Map<String, Object> body) {
        return as(profileName).body(body).post("/integration/network")
                .then().statusCode(201).extract().path("result.network");
    }

    public static String createConnector(String profileName, String name, List<String> networks, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("name", name);
        body.put("networks", networks);
        return as(profileName).body(body).post("/integration/connector")
                .then().statusCode(201).extract().path("result.connector");
    }

    public static String base64(String source) {
        return Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8));
    }
}
