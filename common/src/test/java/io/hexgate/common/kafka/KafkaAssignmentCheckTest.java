package io.hexgate.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The readiness verdict on a consumer group as the broker describes it (the description as the admin client
 * returns it; StaticMembershipTest reads a real broker's): a replica that was consuming stays ready through an
 * ordinary rebalance, and only through one that lasts longer than the grace; one that never consumed is not ready
 * while the group rebalances on its joining.
 */
class KafkaAssignmentCheckTest {

    private static final String GROUP = "parser-worker";
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final StaticMembership membership = new StaticMembership(Optional.of("pod-a"));
    private final AtomicLong now = new AtomicLong();
    private final KafkaAssignmentCheck check = new KafkaAssignmentCheck(null, membership, List.of(GROUP), GRACE, now::get);

    private MemberDescription member(String replica, int partitions, int firstPartition) {
        StaticMembership of = new StaticMembership(Optional.of(replica));
        Set<TopicPartition> held = IntStream.range(firstPartition, firstPartition + partitions)
                .mapToObj(p -> new TopicPartition("hexgate.uplink.raw", p)).collect(Collectors.toSet());
        return new MemberDescription("member-" + replica, of.instanceId("consumer-1"), "consumer-1", "/127.0.0.1",
                new MemberAssignment(held));
    }

    private static ConsumerGroupDescription group(GroupState state, MemberDescription... members) {
        return new ConsumerGroupDescription(GROUP, false, List.of(members), "range", GroupType.CLASSIC, state,
                new Node(1, "127.0.0.1", 9092), Set.of(), Optional.empty(), Optional.empty());
    }

    private void after(Duration elapsed) {
        now.addAndGet(elapsed.toNanos());
    }

    @Test
    void aReplicaThatHasNotConsumedIsNotReadyWhileTheGroupRebalancesOnItsJoining() {
        KafkaAssignmentCheck.Verdict verdict = check.judge(GROUP, group(GroupState.PREPARING_REBALANCE, member("pod-b", 6, 0)));
        assertFalse(verdict.up());
        assertTrue(verdict.says().contains("has not consumed from it yet"), verdict.says());
    }

    @Test
    void aReplicaThatWasConsumingStaysReadyThroughARebalanceShorterThanTheGrace() {
        assertEquals(new KafkaAssignmentCheck.Verdict(true, "consuming 3 partitions"),
                check.judge(GROUP, group(GroupState.STABLE, member("pod-a", 3, 0), member("pod-b", 3, 3))));

        after(Duration.ofSeconds(5));
        KafkaAssignmentCheck.Verdict rebalancing = check.judge(GROUP, group(GroupState.PREPARING_REBALANCE,
                member("pod-a", 0, 0), member("pod-b", 0, 0), member("pod-c", 0, 0)));
        assertTrue(rebalancing.up());
        assertEquals("the group is rebalancing (PreparingRebalance, seen for 0 s); this replica was consuming", rebalancing.says());

        after(Duration.ofSeconds(29));
        assertTrue(check.judge(GROUP, group(GroupState.COMPLETING_REBALANCE, member("pod-a", 0, 0))).up());

        after(Duration.ofSeconds(2));
        KafkaAssignmentCheck.Verdict tooLong = check.judge(GROUP, group(GroupState.COMPLETING_REBALANCE, member("pod-a", 0, 0)));
        assertEquals(new KafkaAssignmentCheck.Verdict(false, "the group is rebalancing (CompletingRebalance, seen for 31 s),"
                + " longer than hexgate.kafka.rebalance-grace (30 s)"), tooLong);
    }

    @Test
    void eachRebalanceHasAGraceOfItsOwn() {
        check.judge(GROUP, group(GroupState.STABLE, member("pod-a", 6, 0)));
        check.judge(GROUP, group(GroupState.PREPARING_REBALANCE, member("pod-a", 0, 0)));
        after(Duration.ofSeconds(25));
        assertTrue(check.judge(GROUP, group(GroupState.STABLE, member("pod-a", 2, 0), member("pod-b", 2, 2),
                member("pod-c", 2, 4))).up());

        after(Duration.ofSeconds(10));
        check.judge(GROUP, group(GroupState.PREPARING_REBALANCE, member("pod-a", 0, 0)));
        after(Duration.ofSeconds(25));
        assertTrue(check.judge(GROUP, group(GroupState.PREPARING_REBALANCE, member("pod-a", 0, 0))).up());
    }

    @Test
    void aReplicaHoldingNothingWhileAnotherHoldsTwoIsNotReadyAndOneNotYetAMemberIsNot() {
        KafkaAssignmentCheck.Verdict idle = check.judge(GROUP, group(GroupState.STABLE, member("pod-a", 0, 0), member("pod-b", 6, 0)));
        assertEquals(new KafkaAssignmentCheck.Verdict(false, "this replica holds no partition while another member holds 6"), idle);
        KafkaAssignmentCheck.Verdict absent = check.judge(GROUP, group(GroupState.STABLE, member("pod-b", 6, 0)));
        assertEquals(new KafkaAssignmentCheck.Verdict(false, "no consumer of this replica (pod-a) is a member yet"), absent);
        assertEquals(new KafkaAssignmentCheck.Verdict(false, "the group is unknown"), check.judge(GROUP, null));
    }
}
