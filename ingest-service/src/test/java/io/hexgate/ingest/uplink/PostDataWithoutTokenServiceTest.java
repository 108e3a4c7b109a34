package io.hexgate.ingest.uplink;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * With token-service away, every post of a token ingest-service does not know answers 503 with Retry-After, and
 * the log says so in a line or two instead of a stack trace per request (116,588 lines in a 10 s outage before).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "token-service"))
class PostDataWithoutTokenServiceTest {

    @Test
    void twoHundredRefusedPostsAddALineOrTwoToTheLogNotAStackTraceEach() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler counting = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(counting);
        try {
            for (int i = 0; i < 200; i++) {
                given().header("token", "00000000-0000-0000-0000-%012d".formatted(i)).contentType(ContentType.JSON)
                        .body("{\"variable\":\"x\",\"value\":1}").post("/data").then().statusCode(503)
                        .header("Retry-After", "5").body("message", containsString("token-service could not be asked"));
            }
        } finally {
            root.removeHandler(counting);
        }
        assertTrue(logged.size() <= 2, () -> logged.size() + " warnings: " + logged.stream().limit(3)
                .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        assertTrue(logged.stream().allMatch(r -> r.getThrown() == null), "no stack trace for an expected outage");
        assertTrue(logged.stream().anyMatch(r -> r.getMessage().contains("token-service could not be asked about tokens")),
                "the outage is logged");
    }
}
