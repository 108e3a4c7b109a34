package io.hexgate.common.api;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Whether a failure means a store could not be reached (refused, timed out connecting, connection lost, or
 * PostgreSQL ending the session: shutting down, starting up, not accepting connections, out of connection slots)
 * rather than that a statement was wrong: the first is an outage, answered 503 with Retry-After; the second is a bug.
 */
public final class ConnectionLoss {

    private ConnectionLoss() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof ClosedChannelException) {
                return true;
            }
            if (cause instanceof PgException pg && (sessionEnded(pg.getSeverity()) || outageState(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sessionEnded(String severity) {
        return "FATAL".equals(severity) || "PANIC".equals(severity);
    }

    /** Connection exceptions (class 08), operator intervention (57P01–57P03), too many connections (53300). */
    private static boolean outageState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }
}
