package io.hexgate.parser.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hexgate.common.contract.DeadLetter;
import io.hexgate.common.contract.DeviceData;
import io.hexgate.common.contract.RawUplink;
import io.hexgate.common.inspector.InspectorKeys;
import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.RegistryEvents;
import io.hexgate.common.testing.TopicReader;
import io.hexgate.parser.data.DataPoint;
import io.hexgate.parser.store.PointStore;
import io.hexgate.parser.support.Parsers;
import io.hexgate.parser.support.Registry;
import io.hexgate.parser.support.Uplinks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The pipeline from {@code hexgate.uplink.raw} to stored points, {@code hexgate.device.data},
 * {@code hexgate.device.inspector} and {@code hexgate.uplink.dlq} (SPEC §4, §5), with the real network-service
 * holding the parsers, the real broker and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"))
class PipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "pipeline-alice";
    private static Uplinks uplinks;
    private static TopicReader deviceData;
    private static TopicReader inspector;
    private static TopicReader deadLetters;
    private static String network;
    private static String connector;

    @Inject
    Pool database;

    @Inject
    PointStore store;

    @Inject
    Redis redis;

    @BeforeAll
    static void setUp() {
        uplinks = new Uplinks();
        deviceData = new TopicReader("device-data");
        inspector = new TopicReader("device-inspector");
        deadLetters = new TopicReader("uplink-dlq");
        network = Registry.network(OWNER, Parsers.TTN_NETWORK);
        connector = Registry.connector(OWNER, network, Parsers.SENSOR_CONNECTOR);
    }

    @AfterAll
    static void tearDown() {
        uplinks.close();
        deviceData.close();
        inspector.close();
        deadLetters.close();
    }

    private static String profile() {
        return ProfileTokens.profileId(OWNER);
    }

    private List<Row> points(String device) {
        return database.preparedQuery("SELECT * FROM data.points WHERE device = $1 ORDER BY variable")
                .execute(Tuple.of(device)).await().indefinitely().stream().toList();
    }

    private List<Row> awaitPoints(String device, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> points(device), rows -> rows.size() >= count);
    }

    private static Map<String, Row> byVariable(List<Row> rows) {
        Map<String, Row> map = new HashMap<>();
        rows.forEach(row -> map.put(row.getString("variable"), row));
        return map;
    }

    private static synchronized ConsumerRecord<String, String> awaitRecord(TopicReader reader, String uplinkId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().stream()
                .filter(r -> r.value() != null && r.value().contains(uplinkId)).findFirst(), Optional::isPresent).orElseThrow();
    }

    @Test
    void anUplinkRunsNetworkConnectorAndDeviceParsersAndIsStoredAndPublished() throws Exception {
        String device = Registry.device(OWNER, network, connector, Parsers.RENAME_DEVICE, null);
        ObjectNode envelope = Uplinks.deviceUplink(device, network, profile(), "application/json",
                Parsers.ttnUplink("70B3D57ED0000001"));
        uplinks.send(envelope);

        Map<String, Row> stored = byVariable(awaitPoints(device, 8));
        assertThat(stored.keySet()).containsExactlyInAnyOrder("payload", "fport", "rx_rssi", "rx_snr", "rx_gateway",
                "temp_c", "counter", "pressure");
        assertThat(stored.get("payload").getString("value_string")).isEqualTo(Parsers.SENSOR_FRAME_HEX);
        assertThat(stored.get("fport").getDouble("value_number")).isEqualTo(2.0);
        assertThat(stored.get("rx_rssi").getString("unit")).isEqualTo("dBm");
        assertThat(stored.get("temp_c").getDouble("value_number")).isEqualTo(-2.5);
        assertThat(stored.get("counter").getDouble("value_number")).isEqualTo(1000.0);
        assertThat(stored.get("pressure").getDouble("value_number")).isEqualTo(1013.25);
        assertThat(stored.values()).allSatisfy(row -> assertThat(row.getString("group_id")).isEqualTo("17"));
        assertThat(stored.get("temp_c").getOffsetDateTime("time").toInstant())
                .isEqualTo(Instant.parse(envelope.get("received_at").asText()).truncatedTo(ChronoUnit.MICROS));

        String uplinkId = envelope.get("id").asText();
        ConsumerRecord<String, String> published = awaitRecord(deviceData, uplinkId);
        assertThat(published.key()).isEqualTo(device);
        DeviceData value = DeviceData.fromJson(published.value());
        assertThat(value.uplinkId()).isEqualTo(uplinkId);
        assertThat(value.network()).isEqualTo(network);
        assertThat(value.connector()).isEqualTo(connector);
        assertThat(value.profile()).isEqualTo(profile());
        assertThat(value.points()).hasSize(8);
        assertThat(value.points().get(0).get("device").asText()).isEqualTo(device);
        ConsumerRecord<String, String> summary = await().atMost(Duration.ofSeconds(30)).until(() -> inspector.poll().stream()
                .filter(r -> r.value().contains(uplinkId) && r.value().contains("\"stage\":\"stored\"")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(summary.key()).isEqualTo(device);
        assertThat(JSON.readTree(summary.value()).get("message").asText()).isEqualTo("8 data stored");
    }

    /** Marks a device watched in Redis as ingest-service does for a live listener (docs/inspector.md). */
    private void watch(String device) {
        String prefix = ConfigProvider.getConfig().getOptionalValue("hexgate.redis.key-prefix", String.class).orElse("hexgate:");
        redis.send(Request.cmd(Command.ZADD).arg(InspectorKeys.watched(prefix))
                .arg(System.currentTimeMillis() + 60_000).arg(InspectorKeys.device(device))).await().indefinitely();
    }

    private static List<JsonNode> inspectorEvents(String uplinkId, int atLeast) {
        List<JsonNode> events = new ArrayList<>();
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            inspector.poll().stream().filter(r -> r.value().contains(uplinkId)).forEach(r -> {
                try {
                    JsonNode event = JSON.readTree(r.value());
                    if (events.stream().noneMatch(e -> e.equals(event))) {
                        events.add(event);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return events;
        }, found -> found.size() >= atLeast);
    }

    @Test
    void aWatchedDevicesUplinkIsTracedInFullAndAnUnwatchedOnesGetsItsSummaryLine() throws Exception {
        String watched = Registry.device(OWNER, network, connector, Parsers.RENAME_DEVICE, null);
        String unwatched = Registry.device(OWNER, network, connector, Parsers.RENAME_DEVICE, null);
        watch(watched);
        Thread.sleep(600); // parser-worker reads the watched set every 200 ms
        ObjectNode traced = Uplinks.deviceUplink(watched, network, profile(), "application/json",
                Parsers.ttnUplink("70B3D57ED0000001"));
        traced.putObject("request").put("method", "POST").put("path", "/data").put("source", "10.0.0.7")
                .put("user_agent", "meter/1").put("token_end", "…abcd");
        ObjectNode summarised = Uplinks.deviceUplink(unwatched, network, profile(), "application/json",
                Parsers.ttnUplink("70B3D57ED0000001"));
        uplinks.send(traced);
        uplinks.send(summarised);

        List<JsonNode> full = inspectorEvents(traced.get("id").asText(), 6);
        Map<String, JsonNode> byStage = new HashMap<>();
        full.forEach(event -> byStage.putIfAbsent(event.get("stage").asText(), event));
        assertThat(byStage.keySet()).contains("request", "network", "connector", "device", "console", "stored");
        JsonNode request = byStage.get("request");
        assertThat(request.get("payload").get("source").asText()).isEqualTo("10.0.0.7");
        assertThat(request.get("payload").get("token_end").asText()).isEqualTo("…abcd");
        assertThat(request.get("payload").get("body").asText()).isEqualTo(traced.get("body").asText());
        assertThat(request.get("message").asText()).startsWith("POST /data from 10.0.0.7 (meter/1), token …abcd");
        assertThat(byStage.get("connector").get("payload").isArray()).isTrue();
        assertThat(byStage.get("connector").get("duration_ms").isNumber()).isTrue();
        assertThat(byStage.get("stored").get("payload").size()).isEqualTo(8);
        assertThat(full).allSatisfy(event -> {
            assertThat(event.get("device").asText()).isEqualTo(watched);
            assertThat(event.get("profile").asText()).isEqualTo(profile());
        });

        awaitPoints(unwatched, 8);
        Thread.sleep(500); // its inspector records are sent right after its points are stored
        List<JsonNode> summary = inspectorEvents(summarised.get("id").asText(), 1);
        assertThat(summary).extracting(event -> event.get("stage").asText()).containsExactly("stored");
        assertThat(summary.getFirst().has("payload")).isFalse();
    }

    @Test
    void aConnectorParserLeavesInputItDoesNotRecogniseUnchanged() {
        String device = Registry.device(OWNER, network, connector, null, null);
        uplinks.send(Uplinks.deviceUplink(device, network, profile(), "application/json",
                "[{\"variable\":\"Humidity\",\"value\":55,\"unit\":\"%\",\"location\":{\"lat\":-23.5,\"lng\":-46.6}}]"));
        Row humidity = awaitPoints(device, 1).getFirst();
        assertThat(humidity.getString("variable")).isEqualTo("humidity");
        assertThat(humidity.getDouble("value_number")).isEqualTo(55.0);
        assertThat(humidity.getDouble("lat")).isEqualTo(-23.5);
        assertThat(humidity.getDouble("lng")).isEqualTo(-46.6);
    }

    @Test
    void aNetworkLevelUplinkReachesTheDeviceOfTheSerialItsNetworkParserSets() {
        String device = Registry.device(OWNER, network, connector, null, "70B3D57ED00000AA");
        uplinks.send(Uplinks.networkUplink(network, profile(), Parsers.ttnUplink("70B3D57ED00000AA")));
        Map<String, Row> stored = byVariable(awaitPoints(device, 8));
        assertThat(stored.get("temperature").getDouble("value_number")).isEqualTo(-2.5);
        assertThat(stored.get("rx_gateway").getString("value_string")).isEqualTo("gw-1");
    }

    @Test
    void aNetworkLevelUplinkOfAnUnknownSerialGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        ObjectNode envelope = Uplinks.networkUplink(network, profile(), Parsers.ttnUplink("70B3D57ED0FFFFFF"));
        uplinks.send(envelope);
        String uplinkId = envelope.get("id").asText();
        ConsumerRecord<String, String> dead = awaitRecord(deadLetters, uplinkId);
        assertThat(dead.key()).as("the input record's key").isEqualTo(network);
        DeadLetter letter = DeadLetter.fromJson(dead.value());
        assertThat(letter.reason()).contains("unknown serial '70B3D57ED0FFFFFF'");
        assertThat(RawUplink.fromJson(letter.record()).body()).isEqualTo(envelope.get("body").asText());
        ConsumerRecord<String, String> shown = await().atMost(Duration.ofSeconds(30)).until(() -> inspector.poll().stream()
                .filter(r -> r.value().contains(uplinkId) && r.value().contains("unknown serial")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(shown.key()).isEqualTo(network);
    }

    /**
     * A webhook whose URL names the device ({@code …/uplink/{serial}}, for The Things Stack's "filter event data"):
     * the network parser starts with that serial; one that sets its own wins.
     */
    @Test
    void aNetworkLevelUplinkStartsWithTheSerialItsWebhookUrlNamed() {
        String network = Registry.network(OWNER, "payload = [{ variable: 'started_with', value: String(serial) }];"
                + " if (payload[0].value === 'OVERRIDE') serial = 'SERIAL-B';");
        String connector = Registry.connector(OWNER, network, null);
        String first = Registry.device(OWNER, network, connector, null, "SERIAL-A");
        String second = Registry.device(OWNER, network, connector, null, "SERIAL-B");
        ObjectNode named = Uplinks.networkUplink(network, profile(), "{}");
        named.put("serial", "SERIAL-A");
        uplinks.send(named);
        assertThat(awaitPoints(first, 1).getFirst().getString("value_string")).isEqualTo("SERIAL-A");
        ObjectNode overridden = Uplinks.networkUplink(network, profile(), "{}");
        overridden.put("serial", "OVERRIDE");
        uplinks.send(overridden);
        assertThat(awaitPoints(second, 1).getFirst().getString("value_string")).isEqualTo("OVERRIDE");
    }

    /**
     * Per-network health (docs/networks/README.md): each profile's uplinks on a network are counted by outcome in
     * its own row, with the last success and the last error; a dead-lettered uplink shows there with its reason.
     */
    @Test
    void aNetworksHealthCountsEachProfilesOutcomesAndItsLastError() {
        String ours = Registry.network(OWNER, Parsers.TTN_NETWORK);
        String theirConnector = Registry.connector(OWNER, ours, Parsers.SENSOR_CONNECTOR);
        Registry.device(OWNER, ours, theirConnector, null, "70B3D57ED00000BB");
        uplinks.send(Uplinks.networkUplink(ours, profile(), Parsers.ttnUplink("70B3D57ED00000BB")));
        ObjectNode unknown = Uplinks.networkUplink(ours, profile(), Parsers.ttnUplink("70B3D57ED0EEEEEE"));
        uplinks.send(unknown);
        String otherProfile = "0123456789abcdef0123ffff";
        uplinks.send(Uplinks.networkUplink(ours, otherProfile, Parsers.ttnUplink("70B3D57ED00000BB")));

        Row row = await().atMost(Duration.ofSeconds(30)).until(() -> health(ours, profile()),
                r -> r != null && r.getLong("stored") == 1 && r.getLong("dead_letter") == 1);
        assertThat(row.getLong("parse_error")).isZero();
        assertThat(row.getString("last_error")).contains("unknown serial '70B3D57ED0EEEEEE'");
        assertThat(row.getOffsetDateTime("last_error_at").toInstant())
                .isEqualTo(Instant.parse(unknown.get("received_at").asText()).truncatedTo(ChronoUnit.MICROS));
        assertThat(row.getOffsetDateTime("last_success_at")).isNotNull();
        // the other profile's uplink names no device of its own: its row, not ours
        Row theirs = await().atMost(Duration.ofSeconds(30)).until(() -> health(ours, otherProfile), r -> r != null);
        assertThat(theirs.getLong("dead_letter")).isEqualTo(1);
        assertThat(theirs.getLong("stored")).isZero();
        assertThat(health(ours, profile()).getLong("dead_letter")).isEqualTo(1);
    }

    private Row health(String network, String profile) {
        var rows = database.preparedQuery("SELECT * FROM data.network_health WHERE network = $1 AND profile = $2")
                .execute(Tuple.of(network, profile)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    /** An inactive device's data is not stored, whether the device posted it or its network server did. */
    @Test
    void aNetworkLevelUplinkOfAnInactiveDeviceIsDeadLettered() throws Exception {
        // inactive from its creation: a device switched off after it was made could still be active in the worker's
        // cache for a moment (the change event on its way), a race this test is not about
        String device = Registry.as(OWNER).body(Map.of("name", "inactive", "network", network, "connector", connector,
                "serie_number", "70B3D57ED00000CC", "active", false)).post("/device").then().statusCode(201)
                .extract().path("result.device_id");
        ObjectNode envelope = Uplinks.networkUplink(network, profile(), Parsers.ttnUplink("70B3D57ED00000CC"));
        uplinks.send(envelope);
        DeadLetter letter = DeadLetter.fromJson(awaitRecord(deadLetters, envelope.get("id").asText()).value());
        assertThat(letter.reason()).isEqualTo("device " + device + " is inactive: its data is not stored");
        assertThat(points(device)).isEmpty();
    }

    @Test
    void recordsThatCannotBeHandledGoToTheDeadLetterTopic() throws Exception {
        uplinks.sendRaw("k-poison", "this is not an envelope", "poison-1");
        String unknownDevice = "0123456789abcdef01234567";
        ObjectNode envelope = Uplinks.deviceUplink(unknownDevice, network, profile(), "text/plain", "00ff");
        uplinks.send(envelope);
        ConsumerRecord<String, String> poison = awaitRecord(deadLetters, "this is not an envelope");
        assertThat(poison.key()).isEqualTo("k-poison");
        assertThat(DeadLetter.fromJson(poison.value()).reason()).contains("not a JSON uplink envelope");
        assertThat(DeadLetter.fromJson(poison.value()).record()).isEqualTo("this is not an envelope");
        ConsumerRecord<String, String> unknown = awaitRecord(deadLetters, envelope.get("id").asText());
        assertThat(DeadLetter.fromJson(unknown.value()).reason()).isEqualTo("unknown device " + unknownDevice);
        // ids that can name no device are not asked of network-service (a path segment of them could never be
        // answered 404 there): dead-lettered like any unknown device, never waited out for ever
        for (String hostile : List.of("..", "a/b?c", "x".repeat(20_000))) {
            ObjectNode odd = Uplinks.deviceUplink(hostile, network, profile(), "text/plain", "00ff");
            uplinks.send(odd);
            ConsumerRecord<String, String> refused = awaitRecord(deadLetters, odd.get("id").asText());
            assertThat(DeadLetter.fromJson(refused.value()).reason()).startsWith("unknown device ");
        }
    }

    @Test
    void anEndlessLoopBecomesAParseErrorWithinTheBudgetAndAnotherDevicesUplinkParsesFine() throws Exception {
        String stuck = Registry.device(OWNER, network, connector, "while (true) {}", null);
        String healthy = Registry.device(OWNER, network, connector, Parsers.RENAME_DEVICE, null);
        String body = "{\"variable\":\"payload\",\"value\":\"" + Parsers.SENSOR_FRAME_HEX + "\"}";
        uplinks.send(Uplinks.deviceUplink(stuck, network, profile(), "application/json", body));
        uplinks.send(Uplinks.deviceUplink(healthy, network, profile(), "application/json", body));

        Row error = awaitPoints(stuck, 1).getFirst();
        assertThat(error.getString("variable")).isEqualTo("parse_error");
        assertThat(error.getString("value_string")).contains("stopped");
        JsonNode metadata = JSON.readTree(error.getValue("metadata").toString());
        assertThat(metadata.get("stage").asText()).isEqualTo("device");
        assertThat(metadata.get("device").asText()).isEqualTo(stuck);
        assertThat(metadata.get("kind").asText()).isIn("timeout", "resource_limit");
        assertThat(metadata.get("raw").asText()).isEqualTo(body);

        assertThat(byVariable(awaitPoints(healthy, 4)).get("temp_c").getDouble("value_number")).isEqualTo(-2.5);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aMemoryBombIsStoppedAndTheWorkerStaysHealthy() {
        String bomb = Registry.device(OWNER, network, connector, "const a = []; while (true) a.push(new Array(1000).fill(7));", null);
        String huge = Registry.device(OWNER, network, connector, "const b = new Array(2 ** 31); b.fill(0);", null);
        uplinks.send(Uplinks.deviceUplink(bomb, network, profile(), "application/json", "[]"));
        uplinks.send(Uplinks.deviceUplink(huge, network, profile(), "application/json", "[]"));
        for (String device : List.of(bomb, huge)) {
            Row error = awaitPoints(device, 1).getFirst();
            assertThat(error.getString("variable")).isEqualTo("parse_error");
            assertThat(error.getValue("metadata").toString()).as("failed in the device stage, not before")
                    .contains("\"stage\":\"device\"");
        }
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aPartlyInvalidOutputKeepsItsGoodItemsAndRecordsTheBadOnes() throws Exception {
        String device = Registry.device(OWNER, network, connector, """
                payload = [{ variable: 'ok', value: 1 }, { variable: 'bad variable', value: 2 }, { variable: 'obj', value: { a: 1 } }];""", null);
        uplinks.send(Uplinks.deviceUplink(device, network, profile(), "application/json", "[]"));
        Map<String, Row> stored = byVariable(awaitPoints(device, 3));
        assertThat(stored.get("ok").getDouble("value_number")).isEqualTo(1.0);
        List<Row> errors = points(device).stream().filter(r -> r.getString("variable").equals("parse_error")).toList();
        assertThat(errors).hasSize(2);
        assertThat(errors).anySatisfy(r -> assertThat(r.getString("value_string")).contains("may not contain spaces"));
        assertThat(errors).anySatisfy(r -> assertThat(r.getString("value_string")).contains("never an object"));
    }

    @Test
    void anUplinkPostgresRefusesIsDeadLetteredAndTheRestOfItsBatchIsStored() throws Exception {
        // A rule of this test's own database refuses one uplink's points, as PostgreSQL refuses data it can never
        // store: that uplink goes to the dead-letter topic with the reason, the others are stored, the worker is ready.
        database.query("ALTER TABLE data.points ADD CONSTRAINT refuse_poison CHECK (variable <> 'poison')")
                .execute().await().atMost(Duration.ofSeconds(10));
        try {
            String device = Registry.device(OWNER, network, connector, null, null);
            ObjectNode before = Uplinks.deviceUplink(device, network, profile(), "application/json",
                    "[{\"variable\":\"before\",\"value\":1}]");
            ObjectNode poison = Uplinks.deviceUplink(device, network, profile(), "application/json",
                    "[{\"variable\":\"poison\",\"value\":1}]");
            ObjectNode after = Uplinks.deviceUplink(device, network, profile(), "application/json",
                    "[{\"variable\":\"after\",\"value\":1}]");
            uplinks.send(before);
            uplinks.send(poison);
            uplinks.send(after);

            assertThat(awaitPoints(device, 2)).extracting(row -> row.getString("variable"))
                    .containsExactly("after", "before");
            ConsumerRecord<String, String> dead = awaitRecord(deadLetters, poison.get("id").asText());
            assertThat(dead.key()).isEqualTo(device);
            assertThat(DeadLetter.fromJson(dead.value()).reason()).contains("PostgreSQL refused")
                    .contains("refuse_poison").contains("23514");
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            database.query("ALTER TABLE data.points DROP CONSTRAINT refuse_poison").execute().await().atMost(Duration.ofSeconds(10));
        }
    }

    @Test
    void theSameRecordDeliveredTwiceStoresItsPointsOnce() {
        String device = Registry.device(OWNER, network, connector, null, null);
        ObjectNode envelope = Uplinks.deviceUplink(device, network, profile(), "application/json",
                "[{\"variable\":\"a\",\"value\":1},{\"variable\":\"b\",\"value\":2}]");
        uplinks.send(envelope);
        uplinks.send(envelope);
        String uplinkId = envelope.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> deviceData.poll().stream()
                .filter(r -> r.value().contains(uplinkId)).count() >= 2);
        assertThat(points(device)).hasSize(2);
    }

    /** An uplink as ingest-service writes one posted with an Idempotency-Key: the same id for every retry. */
    private static ObjectNode keyed(String device, String variable) {
        return Uplinks.deviceUplink(device, network, profile(), "application/json",
                "[{\"variable\":\"" + variable + "\",\"value\":1}]").put("idempotent", true);
    }

    private static long inspected(String uplinkId, String stage) {
        return inspector.poll().stream().filter(r -> r.value() != null && r.value().contains(uplinkId)
                && r.value().contains("\"stage\":\"" + stage + "\"")).count();
    }

    @Test
    void retriesWithOneIdempotencyKeyStoreTheirPointsOnceWithinTheWindow() {
        String device = Registry.device(OWNER, network, connector, null, null);
        ObjectNode first = keyed(device, "a");
        // nanoseconds, as ingest-service's clock may give them: the claim is kept at PostgreSQL's microseconds
        first.put("received_at", Instant.now().truncatedTo(ChronoUnit.MICROS).plusNanos(789).toString());
        String id = first.get("id").asText();
        uplinks.send(first);
        awaitPoints(device, 1);
        // the same record delivered again (a crash before the offsets were committed) is published again, as any
        // redelivery is, and stores nothing twice
        uplinks.send(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> deviceData.poll().stream()
                .filter(r -> r.value().contains(id)).count() >= 2);
        // retries get a received_at of their own, so their points would get other ids: a later batch, and two at once
        uplinks.send(first.deepCopy().put("received_at", Instant.now().plusSeconds(5).toString()));
        uplinks.send(first.deepCopy().put("received_at", Instant.now().plusSeconds(9).toString()));
        // the same record twice in one batch (a redelivery) is stored, and published, once
        ObjectNode pair = keyed(device, "b");
        uplinks.send(pair);
        uplinks.send(pair);
        awaitRecord(deviceData, pair.get("id").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> inspected(id, "duplicate") >= 2);
        assertThat(points(device)).extracting(row -> row.getString("variable")).containsExactly("a", "b");

        // a claim older than the window is a new uplink's
        database.preparedQuery("UPDATE data.idempotent_uplinks SET received_at = now() - interval '25 hours' WHERE uplink = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        uplinks.send(first.deepCopy().put("received_at", Instant.now().plusSeconds(20).toString()));
        assertThat(awaitPoints(device, 3)).extracting(row -> row.getString("variable")).containsExactly("a", "a", "b");
    }

    @Test
    void aBatchPartlyStoredBeforeStoresOnlyItsNewPoints() {
        // PointStore's plain INSERT fails on the stored point; the batch then goes in with ON CONFLICT DO NOTHING
        String device = RegistryEvents.id();
        String uplink = RegistryEvents.id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<DataPoint> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(new DataPoint(DataPoint.idOf(uplink, now, i), device, "v" + i, (double) i, null, uplink, now,
                    null, null, null, null, now));
        }
        assertThat(stored(batch.subList(0, 2))).isEqualTo(2);
        assertThat(stored(batch.subList(1, 4))).as("new points of a batch that repeats one").isEqualTo(2);
        assertThat(stored(List.of(batch.get(0), batch.get(0)))).as("a batch of points all stored before").isZero();
        assertThat(points(device)).extracting(row -> row.getString("variable")).containsExactly("v0", "v1", "v2", "v3");
    }

    private int stored(List<DataPoint> points) {
        return store.store(points).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theIndexedKeyColumnsCompareBytewise() {
        // V2: the cost of each stored row's index descents (docs/benchmarks.md); the database's own locale may differ
        List<String> bytewise = database.preparedQuery("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = 'data' AND table_name = 'points' AND collation_name = 'C'
                        ORDER BY column_name""")
                .execute().await().atMost(Duration.ofSeconds(10)).stream().map(r -> r.getString(0)).toList();
        assertThat(bytewise).containsExactly("device", "id", "variable");
    }
}
