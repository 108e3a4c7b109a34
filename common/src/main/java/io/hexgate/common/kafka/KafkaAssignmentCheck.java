package io.hexgate.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while this replica consumes what it should: for each consumer group in
 * {@code hexgate.kafka.assigned-groups}, DOWN until the replica has consumed from the group (while the group
 * rebalances on its joining, while none of its consumers is a member yet), while its consumers hold no partition
 * though another member holds two or more (the assignor would give this replica one), and while a rebalance lasts
 * longer than {@code hexgate.kafka.rebalance-grace}. A replica that was consuming stays UP through an ordinary
 * rebalance — a replica added or gone, as KEDA does every few minutes — which pauses the whole group for seconds:
 * DOWN then took every replica out of its Service at once and counted against its PodDisruptionBudget. Members are
 * this replica's by their {@code group.instance.id} ({@link StaticMembership}); without a replica identity there
 * is nothing to tell them by, and the check only reports the group.
 */
@Readiness
@ApplicationScoped
public class KafkaAssignmentCheck implements HealthCheck {

    private final ReadinessAdmin admin;
    private final StaticMembership membership;
    private final List<String> groups;
    private final long graceNanos;
    private final LongSupplier clock;
    /** The groups this replica has consumed from since it started. */
    private final Set<String> consumed = ConcurrentHashMap.newKeySet();
    /** When this check first saw each group rebalancing, for the rebalance it is in. */
    private final Map<String, Long> rebalancingSince = new ConcurrentHashMap<>();

    @Inject
    KafkaAssignmentCheck(ReadinessAdmin admin, StaticMembership membership,
                         @ConfigProperty(name = "hexgate.kafka.assigned-groups") Optional<List<String>> groups,
                         @ConfigProperty(name = "hexgate.kafka.rebalance-grace", defaultValue = "30s") Duration grace) {
        this(admin, membership, groups.orElse(List.of()), grace, System::nanoTime);
    }

    KafkaAssignmentCheck(ReadinessAdmin admin, StaticMembership membership, List<String> groups, Duration grace,
                         LongSupplier clock) {
        this.admin = admin;
        this.membership = membership;
        this.groups = groups;
        this.graceNanos = grace.toNanos();
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-assignment").up();
        if (groups.isEmpty()) {
            return response.build();
        }
        Map<String, ConsumerGroupDescription> described;
        try {
            described = admin.describe(groups);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.down().withData("reason", "the consumer groups cannot be read: " + e.getMessage()).build();
        }
        boolean up = true;
        for (String group : groups) {
            Verdict verdict = judge(group, described.get(group));
            response.withData(group, verdict.says());
            up &= verdict.up();
        }
        return (up ? response.up() : response.down()).build();
    }

    /** Whether this replica consumes what it should from a group, and what the readiness data says of it. */
    record Verdict(boolean up, String says) {
    }

    /** The verdict on one group as the broker described it (null: the broker does not know the group). */
    Verdict judge(String name, ConsumerGroupDescription group) {
        if (group == null) {
            return new Verdict(false, "the group is unknown");
        }
        GroupState state = group.groupState();
        if (state == GroupState.PREPARING_REBALANCE || state == GroupState.COMPLETING_REBALANCE
                || state == GroupState.ASSIGNING || state == GroupState.RECONCILING) {
            long now = clock.getAsLong();
            long lasted = now - rebalancingSince.computeIfAbsent(name, first -> now);
            String says = "the group is rebalancing (" + state + ", seen for " + TimeUnit.NANOSECONDS.toSeconds(lasted) + " s)";
            if (!consumed.contains(name)) {
                return new Verdict(false, says + "; this replica has not consumed from it yet");
            }
            return lasted < graceNanos ? new Verdict(true, says + "; this replica was consuming")
                    : new Verdict(false, says + ", longer than hexgate.kafka.rebalance-grace ("
                            + TimeUnit.NANOSECONDS.toSeconds(graceNanos) + " s)");
        }
        rebalancingSince.remove(name);
        if (membership.replica().isEmpty()) {
            consumed.add(name);
            return new Verdict(true, "the group is " + state + " (no replica identity to find this replica's members by)");
        }
        if (group.members().stream().noneMatch(membership::ours)) {
            return new Verdict(false, "no consumer of this replica (" + membership.replica().get() + ") is a member yet");
        }
        int mostHeldByAnother = group.members().stream().filter(member -> !membership.ours(member))
                .mapToInt(member -> member.assignment().topicPartitions().size()).max().orElse(0);
        int held = held(group);
        if (held == 0 && mostHeldByAnother >= 2) {
            return new Verdict(false, "this replica holds no partition while another member holds " + mostHeldByAnother);
        }
        consumed.add(name);
        return new Verdict(true, "consuming " + held + " partitions");
    }

    private int held(ConsumerGroupDescription group) {
        return group.members().stream().filter(membership::ours)
                .mapToInt(member -> member.assignment().topicPartitions().size()).sum();
    }

}
