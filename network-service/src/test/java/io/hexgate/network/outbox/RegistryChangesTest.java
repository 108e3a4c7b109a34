package io.hexgate.network.outbox;

import static io.hexgate.network.support.Registry.as;
import static io.hexgate.network.support.Registry.createNetwork;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every committed change reaches hexgate.registry.changes, keyed by id, in version order. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RegistryChangesTest {

    @Inject
    ObjectMapper json;

    @Test
    void committedChangesArePublishedKeyedByIdInVersionOrder() throws Exception {
        String id = createNetwork("chg-alice", Map.of("name", "first"));
        as("chg-alice").body(Map.of("name", "second")).put("/integration/network/" + id).then().statusCode(200);
        as("chg-alice").delete("/integration/network/" + id).then().statusCode(200);

        try (TopicReader reader = new TopicReader("registry-changes")) {
            List<JsonNode> events = await().atMost(Duration.ofSeconds(20)).until(
                    () -> reader.poll().stream().filter(r -> id.equals(r.key())).map(this::value).toList(),
                    found -> found.size() >= 3);
            assertEquals(3, events.size());
            assertEquals(List.of("upsert", "upsert", "delete"), events.stream().map(e -> e.get("op").asText()).toList());
            assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> e.get("version").asLong()).toList());
            JsonNode first = events.getFirst();
            assertEquals("network", first.get("type").asText());
            assertEquals(id, first.get("id").asText());
            assertEquals(ProfileTokens.profileId("chg-alice"), first.get("profile").asText());
            assertEquals("first", first.get("entity").get("name").asText());
            assertEquals("second", events.get(1).get("entity").get("name").asText());
            assertEquals(true, events.get(2).get("entity").isNull());
        }
    }

    private JsonNode value(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
