package io.hexgate.common.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real PostgreSQL, Redis and Kafka and isolates the run: its own
 * database, its own Redis key prefix, its own topic names (the contract names plus a run suffix), and a
 * test key pair for profile tokens. Nothing is faked; a missing component fails the run with a hint.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    /** The topics of SPEC §5, by config key below {@code hexgate.topics}. */
    private static final Map<String, String> TOPICS = Map.of(
            "uplink-raw", "hexgate.uplink.raw",
            "device-data", "hexgate.device.data",
            "device-inspector", "hexgate.device.inspector",
            "uplink-dlq", "hexgate.uplink.dlq",
            "registry-changes", "hexgate.registry.changes",
            "registry-dlq", "hexgate.registry.dlq",
            "inspector-dlq", "hexgate.inspector.dlq");

    /**
     * Init argument naming a dependency (postgres, redis, kafka, token-service, network-service or parser-worker) to
     * point at a closed port instead. A service that also runs as a companion keeps running: the test reaches it at
     * {@link #testUrlOf}, the application under test cannot.
     */
    public static final String UNREACHABLE = "unreachable";

    /** The key under which a test finds a companion that its application is told is unreachable. */
    public static String testUrlOf(String service) {
        return "hexgate.test." + service + ".url";
    }

    /** The configuration key under which the test's application finds the name of its own database. */
    public static final String DATABASE = "hexgate.test.database";

    /** Init argument naming other services (comma-separated) to run from their packaged jars beside this one. */
    public static final String COMPANIONS = "companions";

    /** Init argument: {@code true} runs a redis-server of the test's own (see {@link PrivateRedis}). */
    public static final String PRIVATE_REDIS = "private-redis";

    private final Infrastructure infra = Infrastructure.fromEnvironment();
    private int privateRedisPort = -1;
    private final List<CompanionService> companions = new java.util.ArrayList<>();
    private String unreachable = "";
    private List<String> companionNames = List.of();
    private final String runId = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    private final String database = "hexgate_" + runId;

    @Override
    public void init(Map<String, String> initArgs) {
        unreachable = initArgs.getOrDefault(UNREACHABLE, "");
        if (Boolean.parseBoolean(initArgs.getOrDefault(PRIVATE_REDIS, "false"))) {
            privateRedisPort = PrivateRedis.freePort();
        }
        companionNames = java.util.Arrays.stream(initArgs.getOrDefault(COMPANIONS, "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    @Override
    public Map<String, String> start() {
        createDatabase();
        Map<String, String> topics = createTopics();

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", infra.pgUser());
        config.put("quarkus.datasource.password", infra.pgPassword());
        config.put("quarkus.datasource.reactive.url", infra.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(database));
        config.put("quarkus.redis.hosts", infra.redisUrl());
        if (privateRedisPort > 0) {
            PrivateRedis.start(privateRedisPort);
            config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + privateRedisPort);
        }
        config.put("hexgate.redis.key-prefix", runId + ":");
        config.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
        // this run's consumers are told from another run's (and the local stack's) in the same groups
        config.put("hexgate.kafka.replica-id", runId);
        config.put(DATABASE, database);
        config.put("hexgate.tokens.encryption-key", TestKeys.tokenEncryptionKey());
        config.put("hexgate.internal.secret", TestKeys.INTERNAL_SECRET);
        topics.forEach((key, name) -> config.put("hexgate.topics." + key, name));
        config.put("mp.jwt.verify.issuer", TestKeys.ISSUER);
        config.put("mp.jwt.verify.publickey.location", TestKeys.ensure().toUri().toString());
        config.put("smallrye.jwt.sign.key.location", TestKeys.privateKeyPath().toUri().toString());
        // No other service unless it runs as a companion: never one of a stack started by hand on this machine.
        for (String service : List.of("token-service", "network-service", "parser-worker")) {
            config.put("hexgate." + service + ".url", "http://127.0.0.1:" + closedPort());
        }
        for (String name : companionNames) {
            CompanionService companion = CompanionService.start(name, config);
            companions.add(companion);
            config.put("hexgate." + name + ".url", companion.url());
        }
        String closed = "127.0.0.1:" + closedPort();
        switch (unreachable) {
            case "" -> { }
            case "postgres" -> config.put("quarkus.datasource.reactive.url", "postgresql://" + closed + "/" + database);
            case "redis" -> config.put("quarkus.redis.hosts", "redis://" + closed);
            case "kafka" -> config.put("kafka.bootstrap.servers", closed);
            case "token-service", "network-service", "parser-worker" -> {
                config.put(testUrlOf(unreachable), config.get("hexgate." + unreachable + ".url"));
                config.put("hexgate." + unreachable + ".url", "http://" + closed);
            }
            default -> throw new IllegalArgumentException("unknown dependency '" + unreachable + "'");
        }
        return config;
    }

    @Override
    public void stop() {
        companions.forEach(CompanionService::stop);
        if (privateRedisPort > 0) {
            PrivateRedis.stop(privateRedisPort);
        }
        try (Connection connection = infra.superuserConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + database + ": " + e.getMessage());
        }
        try (Admin admin = admin()) {
            admin.deleteTopics(TOPICS.values().stream().map(name -> name + "." + runId).toList())
                    .all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete test topics of " + runId + ": " + e.getMessage());
        }
    }

    private void createDatabase() {
        try (Connection connection = infra.superuserConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + infra.pgHost() + ":" + infra.pgPort()
                    + " is not usable (run the tests with deploy/local/hexgate test): " + e.getMessage(), e);
        }
    }

    private Map<String, String> createTopics() {
        Map<String, String> names = new HashMap<>();
        TOPICS.forEach((key, name) -> names.put(key, name + "." + runId));
        List<NewTopic> topics = names.entrySet().stream().map(entry -> {
            NewTopic topic = new NewTopic(entry.getValue(), 2, (short) 1);
            if (entry.getKey().equals("registry-changes")) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            return topic;
        }).toList();
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + infra.kafkaBootstrap()
                    + " is not usable (run the tests with deploy/local/hexgate test): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** A port nothing listens on: bound once by us, then released. */
    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }
}
