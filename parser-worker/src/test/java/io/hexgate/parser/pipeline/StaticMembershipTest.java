package io.hexgate.parser.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A restarted worker takes its partitions back at once (issue 16): its uplink consumers are static members of
 * the group, one {@code group.instance.id} per consumer — its client id and the replica's identity — and readiness
 * reports the partitions this replica holds. Read from the broker's own description of the group.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class StaticMembershipTest {

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    @Test
    void everyUplinkConsumerIsAStaticMemberNamedByClientIdAndReplica() throws Exception {
        String replica = config("hexgate.kafka.replica-id");
        String topic = config("hexgate.topics.uplink-raw");
        int consumers = Integer.parseInt(config("hexgate.parser.batches-in-flight"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config("kafka.bootstrap.servers")))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("parser-worker")).all().get()
                        .get("parser-worker");
                List<MemberDescription> ours = group.members().stream()
                        .filter(member -> member.groupInstanceId().orElse("").endsWith(".." + replica)).toList();
                assertThat(ours).hasSize(consumers);
                assertThat(ours).allSatisfy(member -> assertThat(member.groupInstanceId())
                        .contains(member.clientId().replace('$', '_') + ".." + replica));
                List<TopicPartition> held = ours.stream()
                        .flatMap(member -> member.assignment().topicPartitions().stream()).toList();
                assertThat(held).as("every partition of the test's uplink topic").extracting(TopicPartition::topic)
                        .containsOnly(topic).hasSize(2);
            });
        }
        // the group may still be settling (each joining member is a rebalance): ready once it has
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().get("/q/health/ready").then()
                .statusCode(200).extract().jsonPath()
                .getString("checks.find { it.name == 'kafka-assignment' }.data.'parser-worker'"))
                .isEqualTo("consuming 2 partitions"));
    }
}
