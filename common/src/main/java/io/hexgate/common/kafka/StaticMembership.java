package io.hexgate.common.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Static group membership (Kafka's KIP-345) for every consumer of a channel: {@code group.instance.id} is the
 * consumer's client id (one per channel and concurrent consumer), {@code ..}, and this replica's stable identity. A replica
 * restarted under the same identity — a container restarted in its pod, the local runner's service — takes its
 * partitions back the moment it joins, instead of after the dead consumers' session timeout; a replica replaced
 * under a new identity waits that timeout (10 s, see the services' properties). The client id comes first so that
 * the assignor, which orders static members by this id, interleaves the replicas' consumers.
 * <p>
 * Two processes must never share an identity: the later one fences the earlier one's consumers. Without
 * {@code hexgate.kafka.replica-id} (tests without one, a run outside the runner) membership stays dynamic.
 */
@ApplicationScoped
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {

    /** Between the client id and the replica in an instance id ('@' is not allowed). */
    static final String SEPARATOR = "..";

    private final Optional<String> replica;

    StaticMembership(@ConfigProperty(name = "hexgate.kafka.replica-id") Optional<String> replica) {
        this.replica = replica.map(id -> legal(id.strip())).filter(id -> !id.isEmpty());
    }

    /** This replica's identity, when it has one. */
    public Optional<String> replica() {
        return replica;
    }

    /** The {@code group.instance.id} a consumer of this client id gets at this replica. */
    public Optional<String> instanceId(String clientId) {
        return replica.map(id -> legal(clientId) + SEPARATOR + id);
    }

    /** Kafka allows ASCII letters and digits, '.', '_' and '-' in an instance id (a concurrent channel's has '$'). */
    private static String legal(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Whether the member of this {@code group.instance.id} is one of this replica's consumers. */
    public boolean ours(String instanceId) {
        return replica.isPresent() && instanceId.endsWith(SEPARATOR + replica.get());
    }

    /** Whether a member the broker describes is one of this replica's consumers (a dynamic member never is). */
    public boolean ours(MemberDescription member) {
        return member.groupInstanceId().map(this::ours).orElse(false);
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        Object clientId = config.get(ConsumerConfig.CLIENT_ID_CONFIG);
        if (replica.isEmpty() || !config.containsKey(ConsumerConfig.GROUP_ID_CONFIG) || clientId == null) {
            return config;
        }
        Map<String, Object> customized = new HashMap<>(config);
        customized.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(clientId.toString()).orElseThrow());
        return customized;
    }
}
