package io.hexgate.token.resolve;

import static io.hexgate.token.support.Tokens.deviceToken;
import static io.hexgate.token.support.Tokens.networkToken;
import static io.hexgate.token.support.Tokens.resolveWith;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.PrivateRedis;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.RegistryEvents;
import io.hexgate.token.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Redis is a cache: stopped, resolve answers correctly from PostgreSQL; back, it is used again. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.PRIVATE_REDIS, value = "true"))
class ResolveWithoutRedisTest {

    @Inject
    Pool database;

    @Inject
    RedisDataSource redis;

    @Test
    void resolveStaysCorrectWhileRedisIsDownAndUsesItAgainWhenItReturns() {
        int port = PrivateRedis.portOf(ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class));
        String prefix = ConfigProvider.getConfig().getValue("hexgate.tokens.redis-key-prefix", String.class);
        try (RegistryEvents registry = new RegistryEvents(database)) {
            String network = registry.network("nr-alice", "FF-FF", "upper");
            String networkToken = networkToken("nr-alice", network);
            String device = registry.device("nr-alice", network, "ABCD");
            String token = deviceToken("nr-alice", device, Map.of());
            resolveWith(networkToken).get("/integration/network/resolve/ab-cd").then().statusCode(200).body("result", equalTo(token));

            PrivateRedis.stop(port);
            resolveWith(networkToken).get("/integration/network/resolve/ab-cd").then().statusCode(200).body("result", equalTo(token));
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'token-cache' }.data.mode", containsString("degraded"));
            given().get("/q/metrics").then().body(containsString("hexgate_token_cache_degraded 1.0"));
            // Correct while degraded: a revocation made now is seen now.
            Tokens.as("nr-alice").delete("/device/token/" + token).then().statusCode(200);
            resolveWith(networkToken).get("/integration/network/resolve/ab-cd").then().statusCode(404);
            String replacement = deviceToken("nr-alice", device, Map.of());

            PrivateRedis.start(port);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                resolveWith(networkToken).get("/integration/network/resolve/ab-cd").then().statusCode(200)
                        .body("result", equalTo(replacement));
                given().get("/q/health/ready").then().body("checks.find { it.name == 'token-cache' }.data.mode", equalTo("redis"));
            });
            // Cached again: a resolution now leaves its entry in Redis (retried: a delayed invalidation of the
            // token issued above may still drop the first one).
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                resolveWith(networkToken).get("/integration/network/resolve/ab-cd").then().statusCode(200);
                return !redis.key().keys(prefix + "res:*").isEmpty();
            });
        }
    }
}
