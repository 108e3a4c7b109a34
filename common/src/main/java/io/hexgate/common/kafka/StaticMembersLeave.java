package io.hexgate.common.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.hexgate.common.logging.OutageLog;

/**
 * A replica that stops gracefully takes its static members out of the groups of
 * {@code hexgate.kafka.assigned-groups} (whose assignment readiness waits for) and of
 * {@code hexgate.kafka.unchecked-groups} (consumers readiness does not depend on: ingest-service's inspector). A static member does not leave its group when its consumer closes (that
 * is what lets a restarted container take its partitions back at once), so a replica stopped for good — a rolling
 * update's old pod, a scale-down — held its partitions until the session timeout (10 s) while nobody consumed
 * them. After the connector has closed the consumers, this asks the broker to remove them: the group rebalances at
 * once and the other replicas take the partitions. A process killed ({@code kill -9}, an OOM kill) never gets
 * here and keeps the fast takeover of its own restart.
 */
@Singleton
public class StaticMembersLeave {

    private static final Logger LOG = Logger.getLogger(StaticMembersLeave.class);

    private final ReadinessAdmin admin;
    private final StaticMembership membership;
    private final List<String> groups;

    StaticMembersLeave(ReadinessAdmin admin, StaticMembership membership,
                       @ConfigProperty(name = "hexgate.kafka.assigned-groups") Optional<List<String>> groups,
                       @ConfigProperty(name = "hexgate.kafka.unchecked-groups") Optional<List<String>> unchecked) {
        this.admin = admin;
        this.membership = membership;
        List<String> all = new ArrayList<>(groups.orElse(List.of()));
        all.addAll(unchecked.orElse(List.of()));
        this.groups = List.copyOf(all);
    }

    /** After the Kafka connector closed the consumers (its observer of the same event has priority 50). */
    void leave(@Observes @Priority(100) @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (membership.replica().isEmpty()) {
            return;
        }
        for (String group : groups) {
            try {
                ConsumerGroupDescription described = admin.describe(List.of(group)).get(group);
                List<MemberToRemove> ours = described.members().stream().filter(membership::ours)
                        .map(member -> new MemberToRemove(member.groupInstanceId().orElseThrow())).toList();
                if (ours.isEmpty()) {
                    continue;
                }
                admin.removeMembers(group, ours);
                LOG.infof("left consumer group %s (%d static members of replica %s): the other replicas take its"
                        + " partitions now, not after the session timeout", group, ours.size(), membership.replica().get());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warnf("could not leave consumer group %s on stopping (%s): its partitions wait for the session"
                        + " timeout", group, OutageLog.causes(e));
            }
        }
    }
}
