package io.hexgate.common.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** Only the pool's late timer failure is turned into a counted line; every other record passes unchanged. */
class PoolTimerNoiseTest {

    private final PoolTimerNoise filter = new PoolTimerNoise();

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
}
