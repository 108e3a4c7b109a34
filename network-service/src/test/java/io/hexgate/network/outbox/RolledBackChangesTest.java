package io.hexgate.network.outbox;

import static io.hexgate.network.support.Registry.as;
import static io.hexgate.network.support.Registry.createConnector;
import static io.hexgate.network.support.Registry.createNetwork;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * With token-service unreachable a device cannot get its first token, so its creation rolls back: 503, no
 * device, and its change event — written to the outbox in that transaction — is never published.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "token-service"))
class RolledBackChangesTest {

    @Inject
    Pool database;

    @Test
    void aRolledBackDeviceCreationPublishesNothing() {
        String network = createNetwork("rb-alice", Map.of("name", "n"));
        String connector = createConnector("rb-alice", "c", List.of(network), Map.of());

        as("rb-alice").body(Map.of("name", "d", "network", network, "connector", connector)).post("/device")
                .then().statusCode(503).body("message", containsString("did not create the device"));
        as("rb-alice").get("/device").then().statusCode(200).body("result", empty());

        await().atMost(Duration.ofSeconds(20)).until(() -> database.query("SELECT count(*) FROM registry.outbox")
                .execute().await().indefinitely().iterator().next().getLong(0) == 0);
        try (TopicReader reader = new TopicReader("registry-changes")) {
            List<String> keys = await().atMost(Duration.ofSeconds(20)).until(
                    () -> reader.poll().stream().map(r -> r.key()).toList(), found -> found.size() >= 2);
            assertEquals(Set.of(network, connector), Set.copyOf(keys), "only the committed network and connector");
            assertEquals(2, keys.size());
        }
    }
}
