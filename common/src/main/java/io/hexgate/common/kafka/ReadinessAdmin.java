package io.hexgate.common.kafka;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The readiness checks' Kafka admin client, made on first use, every call bounded: Quarkus' own Kafka check waits
 * the admin client's default minute, and a readiness probe must answer within seconds.
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

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
