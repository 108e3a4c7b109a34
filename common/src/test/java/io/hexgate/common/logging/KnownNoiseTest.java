package io.hexgate.common.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** Only the two known library lines are turned into counted lines; every other record passes unchanged. */
class KnownNoiseTest {

    private static final String HTTP_CLIENT_REQUEST = "io.vertx.core.http.impl.HttpClientRequestImpl";

    private final KnownNoise filter = new KnownNoise();

    private static LogRecord uncaught(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Uncaught exception received by Vert.x");
        record.setThrown(thrown);
        return record;
    }

    private static IllegalStateException thrownBy(String message, String className) {
        IllegalStateException e = new IllegalStateException(message);
        e.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 90),
                new StackTraceElement(className, "lambda$execute$3", "SqlConnectionPool.java", 216) });
        return e;
    }

    private static LogRecord logged(String logger, String message) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setLoggerName(logger);
        return record;
    }

    @Test
    void thePoolsTimerFailingACompletedPromiseIsFiltered() {
        assertFalse(filter.isLoggable(uncaught(thrownBy("Result is already complete",
                "io.vertx.sqlclient.impl.pool.SqlConnectionPool"))));
    }

    @Test
    void theSameMessageFromAnythingButThePoolIsLogged() {
        assertTrue(filter.isLoggable(uncaught(thrownBy("Result is already complete", "io.hexgate.Elsewhere"))));
        assertTrue(filter.isLoggable(uncaught(thrownBy("another state", "io.vertx.sqlclient.impl.pool.SqlConnectionPool"))));
        assertTrue(filter.isLoggable(uncaught(new IllegalArgumentException("Result is already complete"))));
        assertTrue(filter.isLoggable(new LogRecord(Level.INFO, "a line without a throwable")));
    }

    @Test
    void theHttpClientsLineForATimedOutCallIsFiltered() {
        assertFalse(filter.isLoggable(logged(HTTP_CLIENT_REQUEST, "The timeout period of 2000ms has been exceeded while"
                + " executing GET /internal/registry/device/6b160e74cddf253c7f925eaf for server 127.0.0.1:8081")));
    }

    @Test
    void theHttpClientsOtherLinesAndOtherLoggersTimeoutsAreLogged() {
        assertTrue(filter.isLoggable(logged(HTTP_CLIENT_REQUEST, "Connection was closed")));
        assertTrue(filter.isLoggable(logged("io.hexgate.ingest.Elsewhere", "The timeout period of 2000ms has been exceeded")));
        assertTrue(filter.isLoggable(logged(HTTP_CLIENT_REQUEST, null)));
    }
}
