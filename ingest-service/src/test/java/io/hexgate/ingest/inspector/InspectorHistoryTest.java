package io.hexgate.ingest.inspector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hexgate.common.contract.InspectorEvent;
import io.hexgate.common.testing.Infrastructure;
import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.TopicReader;
import io.hexgate.ingest.support.Devices;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The inspector's history (docs/inspector.md) against real Kafka, Redis, token-service and network-service: what
 * parser-worker writes to {@code hexgate.device.inspector} is read into each device's history, capped (5 entries
 * here), newest first; a network-level uplink's events are on its network's history of its profile only; a record
 * that is no inspector event is dead-lettered and the others go on.
 */
@QuarkusTest
@TestProfile(InspectorHistoryTest.Capped.class)
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"))
class InspectorHistoryTest {

    public static class Capped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hexgate.inspector.history-entries", "5");
        }
    }

    private static KafkaProducer<String, String> producer;
    private static String topic;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.fromEnvironment().kafkaBootstrap()), new StringSerializer(), new StringSerializer());
        topic = ConfigProvider.getConfig().getValue("hexgate.topics.device-inspector", String.class);
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private static RequestSpecification as(String profile) {
        return given().contentType(ContentType.JSON).header("token", ProfileTokens.forProfile(profile));
    }

    private static void publish(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static InspectorEvent event(String device, String network, String profile, boolean networkLevel, String message) {
        return new InspectorEvent(Instant.now().toString(), device, network, profile, networkLevel, "u-" + message,
                "console", "info", message, null, null);
    }

    @Test
    void aDevicesEventsAreKeptNewestFirstAndTrimmedAtTheCap() throws Exception {
        Devices.Issued made = Devices.registered("history-alice");
        String device = made.device();
        for (int i = 0; i < 8; i++) {
            publish(device, event(device, made.network(), ProfileTokens.profileId("history-alice"), false, "line " + i)
                    .took(0.5).toJson());
        }
        List<String> messages = await().atMost(Duration.ofSeconds(20)).until(() -> as("history-alice")
                .get("/device/" + device + "/inspector?limit=500").then().statusCode(200)
                .extract().<List<String>>path("result.message"), found -> found.contains("line 7"));

        assertEquals(List.of("line 7", "line 6", "line 5", "line 4", "line 3"), messages, "the last 5, newest first");
        as("history-alice").get("/device/" + device + "/inspector?limit=1").then()
                .body("result[0].connection_id", equalTo("u-line 7"))
                .body("result[0].device_id", equalTo(device))
                .body("result[0].title", equalTo("Console info"))
                .body("result[0].content", equalTo("line 7"))
                .body("result[0].duration_ms", equalTo(0.5f))
                .body("result[0].id", org.hamcrest.Matchers.matchesPattern("\\d+-\\d+"));
        as("history-bob").get("/device/" + device + "/inspector").then().statusCode(404)
                .body("message", containsString("not found among this profile's devices"));
        as("history-alice").get("/device/" + device + "/inspector?stage=request&level=error").then().statusCode(200)
                .body("result.size()", equalTo(0));
    }

    @Test
    void aNetworkLevelUplinksEventsAreOnItsNetworksHistoryOfItsProfileOnly() throws Exception {
        Devices.Issued made = Devices.registered("history-carol");
        String network = made.network();
        String carol = ProfileTokens.profileId("history-carol");
        publish(network, event(null, network, carol, true, "unknown serial 'ab'").toJson());
        publish(network, event(null, network, ProfileTokens.profileId("history-dave"), true, "dave's uplink").toJson());
        publish(made.device(), event(made.device(), network, carol, true, "carol's device").toJson());

        List<String> messages = await().atMost(Duration.ofSeconds(20)).until(() -> as("history-carol")
                .get("/integration/network/" + network + "/inspector").then().statusCode(200)
                .extract().<List<String>>path("result.message"), found -> found.size() >= 2);
        // two keys, maybe two partitions: their order in the history is the order they were read in
        assertEquals(java.util.Set.of("carol's device", "unknown serial 'ab'"), java.util.Set.copyOf(messages));
        assertEquals(2, messages.size());
        as("history-carol").get("/device/" + made.device() + "/inspector").then()
                .body("result.message", equalTo(List.of("carol's device")));
        as("history-dave").get("/integration/network/" + network + "/inspector").then().statusCode(404);
    }

    @Test
    void aRecordThatIsNoInspectorEventIsDeadLetteredAndTheOthersGoOn() throws Exception {
        Devices.Issued made = Devices.registered("history-erin");
        String device = made.device();
        try (TopicReader deadLetters = new TopicReader("inspector-dlq")) {
            publish(device, "not an event {");
            publish(device, "{\"time\":\"yesterday\",\"device\":\"" + device + "\"}");
            publish(device, event(device, made.network(), ProfileTokens.profileId("history-erin"), false, "after").toJson());

            await().atMost(Duration.ofSeconds(20)).until(() -> as("history-erin").get("/device/" + device + "/inspector")
                    .then().extract().<List<String>>path("result.message"), found -> found.equals(List.of("after")));
            List<String> reasons = await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.poll().stream()
                    .filter(r -> device.equals(r.key())).map(r -> r.value()).toList(), found -> found.size() == 2);
            assertTrue(reasons.get(0).contains("\"reason\":\"the record is not a JSON inspector event\""), reasons.get(0));
            assertTrue(reasons.get(1).contains("time is not an ISO-8601 instant"), reasons.get(1));
        }
    }

    /**
     * The consumer acknowledges what it wrote: the group's committed offsets reach the end of the topic (a batch left
     * unacknowledged was never committed, and failed the channel a minute later).
     */
    @Test
    void whatWasWrittenIsCommitted() throws Exception {
        Devices.Issued made = Devices.registered("history-grace");
        publish(made.device(), event(made.device(), made.network(), made.profile(), false, "committed").toJson());
        await().atMost(Duration.ofSeconds(20)).until(() -> as("history-grace").get("/device/" + made.device() + "/inspector")
                .then().extract().<List<String>>path("result.message"), found -> found.equals(List.of("committed")));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", Infrastructure.fromEnvironment().kafkaBootstrap()))) {
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            for (int partition = 0; partition < partitions; partition++) {
                TopicPartition at = new TopicPartition(topic, partition);
                ends.put(at, admin.listOffsets(Map.of(at, OffsetSpec.latest())).partitionResult(at).get().offset());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("ingest-service-inspector")
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue());
            });
        }
    }

    @Test
    void badParametersAreNamed() {
        Devices.Issued made = Devices.registered("history-frank");
        as("history-frank").get("/device/" + made.device() + "/inspector?limit=0&stage=Bad!&q=" + "x".repeat(101))
                .then().statusCode(400)
                .body("field_errors.limit", containsString("0 is out of range: 1 to 500"))
                .body("field_errors.stage", containsString("'Bad!' is not a stage"))
                .body("field_errors.q", containsString("101 characters long; at most 100"));
        as("history-frank").get("/device/not-an-id/inspector").then().statusCode(400);
        as("history-frank").body(Map.of("minutes", 61)).put("/device/" + made.device() + "/inspector/window").then()
                .statusCode(400).body("field_errors.minutes", containsString("61 is not a whole number of minutes from 0"));
    }
}
