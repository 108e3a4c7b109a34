package io.hexgate.common.kafka;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka cluster answers, asked with a bounded call ({@link ReadinessAdmin}).
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_MS = ReadinessAdmin.TIMEOUT_MS;

    private final String bootstrapServers;
    private final ReadinessAdmin admin;

    KafkaReadinessCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                        ReadinessAdmin admin) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin.get().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("kafka").up()
                    .withData("bootstrap", bootstrapServers).withData("nodes", nodes).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named("kafka").down()
                    .withData("bootstrap", bootstrapServers)
                    .withData("reason", String.valueOf(e.getMessage())).build();
        }
    }

}
