package io.hexgate.common.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Kafka admin client of the readiness checks and of {@link StaticMembersLeave}, made on first use, every call
 * bounded: Quarkus' own Kafka check waits the admin client's default minute, and a readiness probe must answer
 * within seconds (a stopping replica too).
 */
@ApplicationScoped
public class ReadinessAdmin {

    static final int TIMEOUT_MS = 2_000;

    private final String bootstrapServers;
    private volatile Admin admin;

    ReadinessAdmin(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    Admin get() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                            AdminClientConfig.CLIENT_ID_CONFIG, "hexgate-readiness"));
                }
                current = admin;
            }
        }
        return current;
    }

    /** The broker's description of each group, within {@link #TIMEOUT_MS}. */
    Map<String, ConsumerGroupDescription> describe(List<String> groups)
            throws InterruptedException, ExecutionException, TimeoutException {
        return get().describeConsumerGroups(groups, new DescribeConsumerGroupsOptions().timeoutMs(TIMEOUT_MS)).all()
                .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
    }

    /** Removes these static members from the group, within {@link #TIMEOUT_MS}. */
    void removeMembers(String group, List<MemberToRemove> members)
            throws InterruptedException, ExecutionException, TimeoutException {
        get().removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(members)).all()
                .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
