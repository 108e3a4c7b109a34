package io.hexgate.ingest.uplink;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.RegistryEvents;
import io.hexgate.common.testing.TopicReader;
import io.hexgate.ingest.support.Devices;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** POST /data and network-level ingestion against the real token-service and Kafka (SPEC §3.3, §5). */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service"))
class PostDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TopicReader topic;

    @Inject
    Pool database;

    @BeforeAll
    static void reader() {
        topic = new TopicReader("uplink-raw");
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    /** The last record keyed {@code key} (a device), or {@code key/…} (a network's network-level data). */
    private static synchronized ConsumerRecord<String, String> recordWith(String key, String uplinkId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> topic.poll().stream()
                .filter(r -> r.key() != null && (key.equals(r.key()) || r.key().startsWith(key + "/"))
                        && (uplinkId == null || uplinkId.equals(header(r, "hexgate-uplink-id"))))
                .reduce((first, second) -> second), Optional::isPresent).orElseThrow();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode value(ConsumerRecord<String, String> record) throws Exception {
        return JSON.readTree(record.value());
    }

    @Test
    void aRawPayloadIsPublishedAsReceivedKeyedByDeviceAfterTheBrokerAcknowledged() throws Exception {
        Devices.Issued device = Devices.deviceToken("pd-alice", "full");
        String body = "{\"variable\":\"payload\",\"value\":\"0a0b0c\"}";
        given().header("token", device.token()).contentType(ContentType.JSON)
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").body(body)
                .post("/data").then().statusCode(202).body("status", equalTo(true)).body("result", equalTo("1 Data Added"));

        ConsumerRecord<String, String> record = recordWith(device.device(), null);
        JsonNode uplink = value(record);
        assertEquals(body, uplink.get("body").asText());
        assertEquals(device.device(), uplink.get("device").asText());
        assertEquals(device.network(), uplink.get("network").asText());
        assertEquals(device.connector(), uplink.get("connector").asText());
        assertEquals(device.profile(), uplink.get("profile").asText());
        assertTrue(uplink.get("content_type").asText().startsWith("application/json"));
        assertFalse(uplink.get("network_level").asBoolean());
        assertTrue(uplink.get("received_at").asText().endsWith("Z"));
        assertEquals(uplink.get("id").asText(), header(record, "hexgate-uplink-id"));
        assertEquals(device.device(), header(record, "hexgate-device-id"));
        assertTrue(header(record, "content-type").startsWith("application/json"));
        assertEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", header(record, "traceparent"));
    }

    @Test
    void everyKindOfBodyIsAcceptedAndCounted() throws Exception {
        Devices.Issued device = Devices.deviceToken("pd-alice", "write");
        given().header("Device-Token", device.token()).contentType(ContentType.JSON)
                .body("[{\"variable\":\"t\",\"value\":1},{\"variable\":\"h\",\"value\":2},{\"variable\":\"p\",\"value\":3}]")
                .post("/data").then().statusCode(202).body("result", equalTo("3 Data Added"));
        given().header("Authorization", "Bearer " + device.token()).contentType(ContentType.TEXT).body("0a0b0c")
                .post("/data").then().statusCode(202).body("result", equalTo("1 Data Added"));
        given().queryParam("token", device.token()).contentType(ContentType.JSON).body("{\"uplink\":{\"fport\":2,\"data\":\"CgsM\"}}")
                .post("/data").then().statusCode(202).body("result", equalTo("1 Data Added"));
        await().atMost(Duration.ofSeconds(15)).until(() -> topic.poll().stream().filter(r -> device.device().equals(r.key())).count() >= 3);
        List<String> bodies = new ArrayList<>();
        for (ConsumerRecord<String, String> record : topic.poll()) {
            if (device.device().equals(record.key())) {
                bodies.add(value(record).get("body").asText());
            }
        }
        assertTrue(bodies.contains("0a0b0c"), bodies.toString());
        assertTrue(bodies.contains("{\"uplink\":{\"fport\":2,\"data\":\"CgsM\"}}"), bodies.toString());
    }

    @Test
    void anIdempotencyKeyGivesEveryRetryOfItsSenderTheIdOfTheFirstAttempt() throws Exception {
        Devices.Issued device = Devices.deviceToken("pd-alice", "full");
        Devices.Issued other = Devices.deviceToken("pd-alice", "full");
        String body = "{\"variable\":\"t\",\"value\":1}";
        for (Devices.Issued sender : List.of(device, device, other)) {
            given().header("token", sender.token()).header("Idempotency-Key", "order-17").contentType(ContentType.JSON)
                    .body(body).post("/data").then().statusCode(202).body("result", equalTo("1 Data Added"));
        }
        given().header("token", device.token()).contentType(ContentType.JSON).body(body).post("/data").then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> topic.poll().stream().filter(r -> device.device().equals(r.key())).count() >= 3
                && topic.poll().stream().anyMatch(r -> other.device().equals(r.key())));
        List<JsonNode> mine = new ArrayList<>();
        JsonNode others = null;
        for (ConsumerRecord<String, String> record : topic.poll()) {
            if (device.device().equals(record.key())) {
                mine.add(value(record));
            } else if (other.device().equals(record.key())) {
                others = value(record);
            }
        }
        assertEquals(3, mine.size());
        assertEquals(mine.get(0).get("id"), mine.get(1).get("id"), "a retry carries the first attempt's id");
        assertTrue(mine.get(0).get("idempotent").asBoolean() && mine.get(1).get("idempotent").asBoolean());
        assertFalse(mine.get(2).get("idempotent").asBoolean());
        assertFalse(mine.get(2).get("id").equals(mine.get(0).get("id")), "without the header, a new id");
        assertFalse(others.get("id").equals(mine.get(0).get("id")), "a key is its sender's: another device's is another uplink");

        for (String bad : List.of("", "a".repeat(256), "two words", "caf\u00e9")) {
            given().header("token", device.token()).header("Idempotency-Key", bad).contentType(ContentType.JSON).body(body)
                    .post("/data").then().statusCode(400)
                    .body("field_errors.'Idempotency-Key'", containsString("is not 1 to 255 visible ASCII characters"));
        }
    }

    @Test
    void emptyAndOversizedBodiesAreRefused() {
        Devices.Issued device = Devices.deviceToken("pd-alice", "full");
        given().header("token", device.token()).contentType(ContentType.JSON).body("")
                .post("/data").then().statusCode(400).body("field_errors.body", containsString("is empty"));
        given().header("token", device.token()).contentType(ContentType.TEXT).body("a".repeat(204_801))
                .post("/data").then().statusCode(413).body("message", containsString("at most 204800 (200 kB)"));
        given().header("token", device.token()).contentType(ContentType.TEXT).body("a".repeat(204_800))
                .post("/data").then().statusCode(202);
    }

    @Test
    void tokenFailures() {
        given().contentType(ContentType.JSON).body("{}").post("/data").then().statusCode(401)
                .body("message", containsString("device token is required"));
        given().header("token", "00000000-0000-0000-0000-000000000000").contentType(ContentType.JSON).body("{}")
                .post("/data").then().statusCode(401);
        Devices.Issued reader = Devices.deviceToken("pd-alice", "read");
        given().header("token", reader.token()).contentType(ContentType.JSON).body("{}").post("/data").then().statusCode(403)
                .body("message", containsString("permission is 'read'"));
        given().header("token", ProfileTokens.forProfile("pd-alice")).contentType(ContentType.JSON).body("{}")
                .post("/data").then().statusCode(401).body("message", containsString("needs a device token"));
    }

    @Test
    void aRevokedTokenFailsWithinOneSecond() {
        Devices.Issued device = Devices.deviceToken("pd-alice", "full");
        given().header("token", device.token()).contentType(ContentType.JSON).body("{}").post("/data").then().statusCode(202);
        Devices.revokeTokensOf(device.device());
        await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().header("token", device.token()).contentType(ContentType.JSON).body("{}").post("/data").statusCode() == 401);
    }

    @Test
    void concurrentPostsOfOneTokenShareOneIntrospection() throws Exception {
        Devices.Issued device = Devices.deviceToken("pd-alice", "full");
        double before = introspections();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/data"))
                .header("token", device.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variable\":\"payload\",\"value\":\"01\"}")).build();
        // 15 at once: within the device's burst of 20, all arriving before the first introspection answered
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            posts.add(http.sendAsync(post, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : posts) {
            assertEquals(202, answer.get(15, TimeUnit.SECONDS).statusCode());
        }
        // one call; a second only if this busy machine stretched the burst past the 1 s the answer is remembered
        double calls = introspections() - before;
        assertTrue(calls >= 1 && calls <= 2, "introspections for 15 concurrent posts: " + calls);
    }

    /** token-service's count of answered introspections, from its metrics. */
    private static double introspections() {
        String metrics = given().baseUri(Devices.tokenService()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"/internal/introspect\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anInactiveDeviceIsRefused() {
        try (RegistryEvents registry = new RegistryEvents(database)) {
            Devices.Issued device = Devices.deviceToken("pd-alice", "full");
            registry.upsertNetwork(device.network(), "pd-alice", "", "");
            registry.upsertDevice(device.device(), "pd-alice", device.network(), null, false);
            await().atMost(Duration.ofSeconds(3)).until(() -> given().header("token", device.token()).contentType(ContentType.JSON)
                    .body("{}").post("/data").statusCode() == 403);
            given().header("token", device.token()).contentType(ContentType.JSON).body("{}").post("/data").then()
                    .body("message", containsString("the device is inactive"));
        }
    }

    @Test
    void aDevicePastItsRateLimitGets429WithRetryAfter() {
        Devices.Issued device = Devices.deviceToken("pd-alice", "full");
        int limited = 0;
        String retryAfter = null;
        String message = null;
        for (int i = 0; i < 30 && limited == 0; i++) {
            var response = given().header("token", device.token()).contentType(ContentType.TEXT).body("x").post("/data");
            if (response.statusCode() == 429) {
                limited++;
                retryAfter = response.header("Retry-After");
                message = response.path("message");
            }
        }
        assertEquals(1, limited, "the 21st quick request must be limited (burst 20)");
        assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), retryAfter);
        assertTrue(message.contains("5 requests/s (burst 20) per device"), message);
    }

    @Test
    void textPostgresCannotStoreIsRefusedAtTheEdgeNamingTheField() {
        Devices.Issued device = Devices.deviceToken("pd-alice", "full");
        given().header("token", device.token()).contentType(ContentType.JSON)
                .body("[{\"variable\":\"fz\",\"value\":1,\"unit\":\"a\\u0000b\"}]")
                .post("/data").then().statusCode(400).body("field_errors.'[0].unit'", containsString("U+0000"));
        given().header("token", device.token()).contentType(ContentType.TEXT).body("01\u0000ff")
                .post("/data").then().statusCode(400).body("field_errors.body", containsString("U+0000"));
        // an escaped backslash before u0000 is plain text, which stores fine
        given().header("token", device.token()).contentType(ContentType.JSON)
                .body("{\"variable\":\"t\",\"value\":\"\\\\u0000\"}").post("/data").then().statusCode(202);
    }

    @Test
    void aRevokedProfileTokenIsNoAuthorizationOfNetworkData() throws Exception {
        try (RegistryEvents registry = new RegistryEvents(database)) {
            String networkToken = Devices.networkToken(registry, "pd-alice", RegistryEvents.id());
            String authorization = ProfileTokens.forProfile("pd-carol");
            String jti = JSON.readTree(java.util.Base64.getUrlDecoder().decode(authorization.split("\\.")[1])).get("jti").asText();
            given().baseUri(Devices.tokenService()).header("token", authorization).delete("/profile/token/" + jti)
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().header("token", networkToken)
                    .queryParam("authorization", authorization).contentType(ContentType.JSON).body("{}")
                    .post("/integration/network/data").then().statusCode(401).body("message", containsString("revoked")));
        }
    }

    @Test
    void aServiceAuthorizationNamesTheProfileOfNetworkDataUntilItIsRevoked() throws Exception {
        try (RegistryEvents registry = new RegistryEvents(database)) {
            String network = RegistryEvents.id();
            String networkToken = Devices.networkToken(registry, "pd-alice", network);
            String authorization = given().baseUri(Devices.tokenService()).contentType(ContentType.JSON)
                    .header("token", ProfileTokens.forProfile("pd-dave")).body("{\"name\":\"webhook\"}")
                    .post("/serviceauth").then().statusCode(201).extract().path("result.token");
            given().header("token", networkToken).queryParam("authorization", authorization).contentType(ContentType.JSON)
                    .body("{\"deveui\":\"0886AB56826CF2EF\"}").post("/integration/network/data").then().statusCode(202);
            assertEquals(ProfileTokens.profileId("pd-dave"), value(recordWith(network, null)).get("profile").asText());
            given().header("token", authorization).get("/info").then().statusCode(200)
                    .body("result.type", equalTo("service_authorization"))
                    .body("result.profile", equalTo(ProfileTokens.profileId("pd-dave")));
            // it is no network or device token
            given().header("token", authorization).contentType(ContentType.JSON).body("{}")
                    .post("/integration/network/data").then().statusCode(401);
            given().header("token", authorization).contentType(ContentType.JSON).body("{}").post("/data").then().statusCode(401);

            given().baseUri(Devices.tokenService()).header("token", ProfileTokens.forProfile("pd-dave"))
                    .delete("/serviceauth/" + authorization).then().statusCode(200);
            Thread.sleep(1000); // the contract's bound: a second after the revocation, it names no profile
            given().header("token", networkToken).queryParam("authorization", authorization).contentType(ContentType.JSON)
                    .body("{}").post("/integration/network/data").then().statusCode(401)
                    .body("message", containsString("authorization: the service authorization is not accepted"));
        }
    }

    @Test
    void networkLevelDataIsSpreadOverThePartitionsAndMarkedForSerialResolution() throws Exception {
        try (RegistryEvents registry = new RegistryEvents(database)) {
            String network = RegistryEvents.id();
            String networkToken = Devices.networkToken(registry, "pd-alice", network);
            given().header("token", networkToken).queryParam("authorization", ProfileTokens.forProfile("pd-bob"))
                    .contentType(ContentType.JSON).body("{\"deveui\":\"0886AB56826CF2EE\",\"payload\":\"0a0b\"}")
                    .post("/integration/network/data").then().statusCode(202).body("result", equalTo("1 Data Added"));
            ConsumerRecord<String, String> record = recordWith(network, null);
            // keyed by the network and the uplink, not the network alone: one network server posts for all its devices
            assertEquals(network + "/" + header(record, "hexgate-uplink-id"), record.key());
            JsonNode uplink = value(record);
            assertTrue(uplink.get("network_level").asBoolean());
            assertTrue(uplink.get("device").isNull());
            assertEquals(network, uplink.get("network").asText());
            assertEquals(ProfileTokens.profileId("pd-bob"), uplink.get("profile").asText());

            Devices.Issued device = Devices.deviceToken("pd-alice", "full");
            given().header("token", device.token()).contentType(ContentType.JSON).body("{}")
                    .post("/integration/network/data").then().statusCode(401).body("message", containsString("needs a network token"));
            given().header("token", networkToken).queryParam("authorization", "not-a-jwt").contentType(ContentType.JSON).body("{}")
                    .post("/integration/network/data").then().statusCode(401);
        }
    }

    @Test
    void uplinkIdsAreUuidsAndATraceContextIsMadeWhenTheCallerSentNone() throws Exception {
        Devices.Issued device = Devices.deviceToken("pd-alice", "full");
        List<String> traces = new ArrayList<>();
        for (String malformed : new String[] {null, "00-not-a-trace"}) {
            var request = given().header("token", device.token()).contentType(ContentType.TEXT).body("ff");
            if (malformed != null) {
                request.header("traceparent", malformed);
            }
            request.post("/data").then().statusCode(202);
            ConsumerRecord<String, String> record = recordWith(device.device(), null);
            org.hamcrest.MatcherAssert.assertThat(value(record).get("id").asText(),
                    matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
            String trace = header(record, "traceparent");
            org.hamcrest.MatcherAssert.assertThat(trace, matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
            traces.add(trace);
        }
        assertFalse(traces.get(0).equals(traces.get(1)), "two uplinks got the same trace: " + traces);
    }
}
