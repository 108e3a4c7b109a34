package io.hexgate.network.outbox;

import static io.hexgate.network.support.Registry.as;
import static io.hexgate.network.support.Registry.createConnector;
import static io.hexgate.network.support.Registry.createNetwork;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.TopicReader;
import io.hexgate.network.network.BuiltInNetworks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * With token-service unreachable a device cannot get its first token (asked after the device is committed, never
 * inside the transaction), so its creation is undone: 503, no device, and what was published of it ends with its
 * deletion — every mirror of the registry ends without it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "token-service"))
class RolledBackChangesTest {

    @Inject
    Pool database;

    @Test
    void aDeviceThatGetsNoTokenIsUndoneAndItsLastPublishedChangeIsItsDeletion() {
        String network = createNetwork("rb-alice", Map.of("name", "n"));
        String connector = createConnector("rb-alice", "c", List.of(network), Map.of());

        as("rb-alice").body(Map.of("name", "d", "network", network, "connector", connector)).post("/device")
                .then().statusCode(503).body("message", containsString("did not create the device"));
        as("rb-alice").get("/device").then().statusCode(200).body("result", empty());

        await().atMost(Duration.ofSeconds(20)).until(() -> database.query("SELECT count(*) FROM registry.outbox")
                .execute().await().indefinitely().iterator().next().getLong(0) == 0);
        try (TopicReader reader = new TopicReader("registry-changes")) {
            List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(20))
                    .until(reader::poll, found -> found.size() >= 4 + BuiltInNetworks.ALL.size());
            Set<String> keys = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertTrue(keys.containsAll(Set.of(network, connector)), "the committed network and connector: " + keys);
            // one key per entity, so one partition: the device's changes arrive in the order they were made
            // (the built-in networks' creation at start-up is on the topic too)
            List<String> deviceChanges = records.stream().filter(r -> !r.key().equals(network) && !r.key().equals(connector)
                            && !BuiltInNetworks.isBuiltIn(r.key()))
                    .map(ConsumerRecord::value).toList();
            assertEquals(2, deviceChanges.size(), "the device's creation and its undoing: " + deviceChanges);
            assertTrue(deviceChanges.get(0).contains("\"op\":\"upsert\""), deviceChanges.get(0));
            assertTrue(deviceChanges.get(1).contains("\"op\":\"delete\""), "the last change deletes it: " + deviceChanges.get(1));
            assertEquals(4 + BuiltInNetworks.ALL.size(), records.size());
        }
    }
}
