package io.hexgate.parser.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.Infrastructure;
import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.parser.support.Registry;
import io.hexgate.parser.support.Uplinks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * PostgreSQL goes away mid-stream (SPEC §6): the test's database refuses connections and every open one is
 * cut. parser-worker stops making progress instead of dropping uplinks, and once the database is back every
 * uplink the broker acknowledged is stored exactly once.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"))
class PostgresOutageTest {

    private static final String OWNER = "outage-alice";

    @Inject
    Pool database;

    private long stored(String device) {
        return database.preparedQuery("SELECT count(*) AS n, count(DISTINCT id) AS d FROM data.points WHERE device = $1")
                .execute(Tuple.of(device)).map(rows -> {
                    Row row = rows.iterator().next();
                    assertThat(row.getLong("d")).as("no point stored twice").isEqualTo(row.getLong("n"));
                    return row.getLong("n");
                }).await().indefinitely();
    }

    private static void database(boolean available) {
        Infrastructure infra = Infrastructure.fromEnvironment();
        String name = "hexgate_" + ConfigProvider.getConfig().getValue("hexgate.test.run-id", String.class);
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", infra.pgUser());
        credentials.setProperty("password", infra.pgPassword());
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl("postgres"), credentials);
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

    @Test
    void everyAcknowledgedUplinkIsStoredExactlyOnceAfterPostgresReturns() throws Exception {
        String network = Registry.network(OWNER, null);
        String connector = Registry.connector(OWNER, network, null);
        String device = Registry.device(OWNER, network, connector, null, null);
        String profile = ProfileTokens.profileId(OWNER);
        try (Uplinks uplinks = new Uplinks()) {
            uplinks.send(Uplinks.deviceUplink(device, network, profile, "application/json", "{\"variable\":\"warm\",\"value\":1}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(device) == 1);

            List<String> sent = new ArrayList<>();
            database(false);
            try {
                for (int i = 0; i < 30; i++) {
                    var envelope = Uplinks.deviceUplink(device, network, profile, "application/json",
                            "[{\"variable\":\"seq\",\"value\":" + i + "},{\"variable\":\"twice\",\"value\":" + i + "}]");
                    uplinks.send(envelope);
                    sent.add(envelope.get("id").asText());
                }
                Thread.sleep(3000);
                given().get("/q/health/live").then().statusCode(200);
            } finally {
                database(true);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(device) >= 61);
            Thread.sleep(1000);
            assertThat(stored(device)).isEqualTo(61);
            assertThat(sent).hasSize(30);
        }
    }
}
