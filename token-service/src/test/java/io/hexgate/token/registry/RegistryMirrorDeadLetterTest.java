package io.hexgate.token.registry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.RegistryEvents;
import io.hexgate.common.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A registry change the mirror cannot read (not JSON, or an upsert without its entity) is dead-lettered to
 * hexgate.registry.dlq with the reason, and the mirror goes on with the next change — never skipped silently,
 * never retried for ever.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RegistryMirrorDeadLetterTest {

    @Inject
    Pool database;

    @Test
    void anUnreadableChangeIsDeadLetteredWithItsReasonAndTheMirrorGoesOn() {
        try (RegistryEvents registry = new RegistryEvents(database); TopicReader deadLetters = new TopicReader("registry-dlq")) {
            registry.sendRaw("broken-1", "not json at all");
            registry.sendRaw("broken-2", "{\"type\":\"device\",\"op\":\"upsert\",\"id\":\"d-1\",\"version\":1}");

            registry.network("dlq-alice", "FF-FF", "upper"); // returns once the mirror applied it

            List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(20))
                    .until(deadLetters::poll, found -> found.size() >= 2);
            Map<String, String> reasons = dead.stream().collect(Collectors.toMap(ConsumerRecord::key, RegistryMirrorDeadLetterTest::reason));
            assertEquals(2, dead.size(), "each broken change once: " + reasons);
            assertTrue(reasons.get("broken-1").contains("not a JSON registry change"), reasons.toString());
            assertTrue(reasons.get("broken-2").contains("upserts device d-1 without an entity"), reasons.toString());
            assertEquals("not json at all", dead.stream().filter(r -> r.key().equals("broken-1")).findFirst().orElseThrow().value(),
                    "the change as it came");
        }
    }

    private static String reason(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("dead-letter-reason");
        return header == null ? "(no dead-letter-reason header)" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
