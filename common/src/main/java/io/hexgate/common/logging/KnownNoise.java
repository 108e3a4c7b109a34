package io.hexgate.common.logging;

import java.time.Duration;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logging.Logger;

import io.quarkus.logging.LoggingFilter;

/**
 * Turns two known lines that libraries write once per failed request into one line per 10 s with a count: while a
 * dependency is away or slow they are thousands, and each says only what the caller already handled. Services name
 * this filter in {@code quarkus.log.console.filter}. Every other record passes unchanged.
 * <ul>
 * <li><b>The PostgreSQL pool's late timer.</b> While PostgreSQL is down, every query whose connection could not be
 * acquired fails as it should — and then the pool's connection-timeout timer, which the failure did not cancel,
 * fails the same promise again: Vert.x logs {@code IllegalStateException: Result is already complete} with a stack
 * trace (vertx-sql-client issue 1706, {@code SqlConnectionPool.execute}). Only that exception, thrown from the pool.
 * <li><b>The HTTP client's timeout.</b> Vert.x's {@code HttpClientRequestImpl} logs an ERROR "The timeout period
 * of … has been exceeded while executing …" for a request that has no exception handler of its own — every call of
 * the REST client — although the caller gets the same failure and handles it (a registry look-up waits the outage
 * out; ingest-service answers 503). Only that logger and that message.
 * </ul>
 */
@LoggingFilter(name = "hexgate-known-noise")
public final class KnownNoise implements Filter {

    private static final Logger LOG = Logger.getLogger(KnownNoise.class);
    private static final long INTERVAL = Duration.ofSeconds(10).toNanos();
    private static final String HTTP_CLIENT_REQUEST = "io.vertx.core.http.impl.HttpClientRequestImpl";

    private final OutageLog poolTimer = new OutageLog("the PostgreSQL pool's timer failed a query that had already"
            + " failed to get a connection (vertx-sql-client#1706; harmless, the query's own error was handled)",
            INTERVAL, LOG::warn, System::nanoTime);
    private final OutageLog callTimeouts = new OutageLog("calls to another service timed out (each caller handled"
            + " its own: waited and retried, or answered 503)", INTERVAL, LOG::warn, System::nanoTime);

    @Override
    public boolean isLoggable(LogRecord record) {
        if (isPoolTimerNoise(record.getThrown())) {
            poolTimer.failed(record.getThrown());
            return false;
        }
        if (isCallTimeout(record)) {
            callTimeouts.failed(new IllegalStateException(record.getMessage()));
            return false;
        }
        return true;
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

    /** Vert.x's HTTP client reporting a request's timeout, which the request's caller also got. */
    static boolean isCallTimeout(LogRecord record) {
        String message = record.getMessage();
        return HTTP_CLIENT_REQUEST.equals(record.getLoggerName()) && message != null
                && message.startsWith("The timeout period of ");
    }
}
