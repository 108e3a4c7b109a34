package io.hexgate.parser.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.TestDatabase;
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
            TestDatabase.available(false);
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
                TestDatabase.available(true);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(device) >= 61);
            Thread.sleep(1000);
            assertThat(stored(device)).isEqualTo(61);
            assertThat(sent).hasSize(30);
        }
    }
}
