package io.hexgate.common.logging;

import java.time.Duration;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logging.Logger;

import io.quarkus.logging.LoggingFilter;

/**
 * Turns a known harmless error of the reactive PostgreSQL pool into one line per 10 s with a count. While
 * PostgreSQL is down, every query whose connection could not be acquired fails as it should — and then the pool's
 * connection-timeout timer, which the failure did not cancel, fails the same promise again: Vert.x logs
 * {@code IllegalStateException: Result is already complete} with a stack trace, once per failed query
 * (vertx-sql-client issue 1706, {@code SqlConnectionPool.execute}). Nothing is lost: the caller already had the
 * connection error. Only that exception, thrown from the pool, is filtered; services name this filter in
 * {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = "hexgate-pool-timer-noise")
public final class PoolTimerNoise implements Filter {

    private static final Logger LOG = Logger.getLogger(PoolTimerNoise.class);

    private final OutageLog repeated = new OutageLog("the PostgreSQL pool's timer failed a query that had already"
            + " failed to get a connection (vertx-sql-client#1706; harmless, the query's own error was handled)",
            Duration.ofSeconds(10).toNanos(), LOG::warn, System::nanoTime);

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!isPoolTimerNoise(record.getThrown())) {
            return true;
        }
        repeated.failed(record.getThrown());
        return false;
    }

    /** The pool's timer failing a completed promise: that message, thrown by a promise the pool completes. */
    static boolean isPoolTimerNoise(Throwable thrown) {
        if (!(thrown instanceof IllegalStateException) || !"Result is already complete".equals(thrown.getMessage())) {
            return false;
        }
        StackTraceElement[] stack = thrown.getStackTrace();
        for (int i = 0; i < Math.min(3, stack.length); i++) {
            if (stack[i].getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
                return true;
            }
        }
        return false;
    }
}
