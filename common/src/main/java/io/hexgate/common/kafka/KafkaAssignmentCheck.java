package io.hexgate.common.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while this replica consumes what it should: for each consumer group in
 * {@code hexgate.kafka.assigned-groups}, DOWN while the group rebalances, while none of this replica's consumers is
 * a member yet, and while they hold no partition though another member holds two or more (the assignor would give
 * this replica one). Members are this replica's by their {@code group.instance.id} ({@link StaticMembership});
 * without a replica identity there is nothing to tell them by, and the check only reports the group.
 */
@Readiness
@ApplicationScoped
public class KafkaAssignmentCheck implements HealthCheck {

    private static final int TIMEOUT_MS = ReadinessAdmin.TIMEOUT_MS;

    private final ReadinessAdmin admin;
    private final StaticMembership membership;
    private final List<String> groups;

    KafkaAssignmentCheck(ReadinessAdmin admin, StaticMembership membership,
                         @ConfigProperty(name = "hexgate.kafka.assigned-groups") Optional<List<String>> groups) {
        this.admin = admin;
        this.membership = membership;
        this.groups = groups.orElse(List.of());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-assignment").up();
        if (groups.isEmpty()) {
            return response.build();
        }
        Map<String, ConsumerGroupDescription> described;
        try {
            described = admin.get().describeConsumerGroups(groups, new DescribeConsumerGroupsOptions()
                    .timeoutMs(TIMEOUT_MS)).all().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.down().withData("reason", "the consumer groups cannot be read: " + e.getMessage()).build();
        }
        boolean up = true;
        for (String group : groups) {
            String why = judge(described.get(group));
            response.withData(group, why == null ? "consuming " + held(described.get(group)) + " partitions" : why);
            up &= why == null;
        }
        return (up ? response.up() : response.down()).build();
    }

    /** Why this replica does not consume what it should from the group; null when it does. */
    private String judge(ConsumerGroupDescription group) {
        if (group == null) {
            return "the group is unknown";
        }
        GroupState state = group.groupState();
        if (state == GroupState.PREPARING_REBALANCE || state == GroupState.COMPLETING_REBALANCE
                || state == GroupState.ASSIGNING || state == GroupState.RECONCILING) {
            return "the group is rebalancing (" + state + ")";
        }
        if (membership.replica().isEmpty()) {
            return null;
        }
        if (group.members().stream().noneMatch(this::ours)) {
            return "no consumer of this replica (" + membership.replica().get() + ") is a member yet";
        }
        int mostHeldByAnother = group.members().stream().filter(member -> !ours(member))
                .mapToInt(member -> member.assignment().topicPartitions().size()).max().orElse(0);
        if (held(group) == 0 && mostHeldByAnother >= 2) {
            return "this replica holds no partition while another member holds " + mostHeldByAnother;
        }
        return null;
    }

    private int held(ConsumerGroupDescription group) {
        return group.members().stream().filter(this::ours)
                .mapToInt(member -> member.assignment().topicPartitions().size()).sum();
    }

    private boolean ours(MemberDescription member) {
        return member.groupInstanceId().map(membership::ours).orElse(false);
    }
}
