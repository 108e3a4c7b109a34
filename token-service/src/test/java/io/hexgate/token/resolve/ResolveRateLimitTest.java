package io.hexgate.token.resolve;

import static io.hexgate.token.support.Tokens.networkToken;
import static io.hexgate.token.support.Tokens.resolveWith;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.RegistryEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/** Past its burst a network token gets 429 with Retry-After and a message naming the limit. */
@QuarkusTest
@TestProfile(ResolveRateLimitTest.TightLimit.class)
@WithTestResource(RealInfrastructure.class)
class ResolveRateLimitTest {

    /** One request per second, a burst of three. */
    public static class TightLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hexgate.tokens.resolve-per-second", "1", "hexgate.tokens.resolve-burst", "3");
        }
    }

    @Inject
    Pool database;

    @Test
    void theFourthQuickRequestIsLimited() {
        try (RegistryEvents registry = new RegistryEvents(database)) {
            String token = networkToken("rl-alice", registry.network("rl-alice", "", ""));
            for (int i = 0; i < 3; i++) {
                resolveWith(token).get("/integration/network/resolve/nothing").then().statusCode(404);
            }
            resolveWith(token).get("/integration/network/resolve/nothing").then().statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                    .body("message", containsString("1 requests/s (burst 3) per network token"));
        }
    }
}
