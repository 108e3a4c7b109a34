package io.hexgate.common.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test run's own database ({@link RealInfrastructure}) switched off and on, for outage tests: off, it refuses
 * new connections and every open one is cut — to the service, PostgreSQL has gone away.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static void available(boolean available) {
        String name = ConfigProvider.getConfig().getValue(RealInfrastructure.DATABASE, String.class);
        try (Connection connection = Infrastructure.fromEnvironment().superuserConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS " + available);
            if (!available) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                        + "' AND pid <> pg_backend_pid()");
            }
        } catch (SQLException e) {
            throw new AssertionError("could not switch the test database " + (available ? "on" : "off"), e);
        }
    }
}
