package io.hexgate.token.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.hexgate.common.testing.ProfileTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** HTTP helpers for token tests. */
public final class Tokens {

    private Tokens() {
    }

    public static RequestSpecification as(String profileName) {
        return given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(profileName));
    }

    public static String networkToken(String owner, String network) {
        return networkToken(owner, network, Map.of());
    }

    public static String networkToken(String owner, String network, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("network", network);
        return as(owner).body(body).post("/integration/network/token").then().statusCode(201).extract().path("result.token");
    }

    public static String deviceToken(String owner, String device, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("device", device);
        return as(owner).body(body).post("/device/token").then().statusCode(201).extract().path("result.token");
    }

    public static RequestSpecification resolveWith(String networkToken) {
        return given().header("token", networkToken);
    }
}
