package io.hexgate.common.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the real PostgreSQL, Redis and Kafka of a test run are: the ones {@code deploy/local/hexgate test}
 * ensured, or those the environment names (same variables as the local runner).
 */
public record Infrastructure(String pgHost, int pgPort, String pgUser, String pgPassword,
                             String redisHost, int redisPort, String kafkaBootstrap) {

    public static Infrastructure fromEnvironment() {
        return new Infrastructure(
                env("HEXGATE_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env("HEXGATE_PG_PORT", "5432")),
                env("HEXGATE_PG_SUPERUSER", "postgres"),
                env("HEXGATE_PG_SUPERPASSWORD", ""),
                env("HEXGATE_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env("HEXGATE_REDIS_PORT", "6379")),
                env("HEXGATE_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    /** A JDBC connection to the server's {@code postgres} database as the superuser (databases made, switched). */
    public Connection superuserConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", pgUser);
        properties.setProperty("password", pgPassword);
        // the driver itself, not DriverManager: that one hides a driver loaded by another class loader than its
        // caller's, which is what a @TestProfile's restarted application is (ingest-service's WarmUpTest met it)
        return new org.postgresql.Driver().connect(jdbcUrl("postgres"), properties);
    }

    public String redisUrl() {
        return "redis://" + redisHost + ":" + redisPort;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
