package io.hexgate.common.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Whether a failure means a store could not be reached (refused, timed out connecting, connection lost or reset, or
 * PostgreSQL ending the session: shutting down, starting up, not accepting connections, out of connection slots)
 * rather than that a statement was wrong: the first is an outage, answered 503 with Retry-After; the second is a bug.
 * <p>
 * The whole failure is searched — causes, suppressed failures and each failure of a Mutiny {@link CompositeException}
 * (a rollback failing after the statement did) — because the connection loss is often not the first thing reported.
 */
public final class ConnectionLoss {

    /**
     * How the Vert.x SQL client (4.5) fails a command that raced the closing of its pooled connection: without a
     * type of its own, so by its message (a CI run answered 500 on one of these until they were recognised).
     */
    private static final List<String> CLOSED_CONNECTION_MESSAGES = List.of(
            "Connection is not active now",
            "Pending requests failed to be sent due to connection has been closed");

    private ConnectionLoss() {
    }

    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (failure != null) {
            pending.push(failure);
        }
        while (!pending.isEmpty()) {
            Throwable cause = pending.pop();
            if (!seen.add(cause)) {
                continue;
            }
            if (isLoss(cause)) {
                return true;
            }
            if (cause.getCause() != null) {
                pending.push(cause.getCause());
            }
            if (cause instanceof CompositeException composite) {
                composite.getCauses().forEach(pending::push);
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return false;
    }

    private static boolean isLoss(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                || cause instanceof ClosedChannelException || cause instanceof SocketException) {
            return true;
        }
        if (cause instanceof PgException pg) {
            return sessionEnded(pg.getSeverity()) || outageState(pg.getSqlState());
        }
        String message = cause.getMessage();
        if (message == null) {
            return false;
        }
        if (cause instanceof IOException) {
            return message.contains("Connection reset"); // netty's native transport: "recv(..) failed: Connection reset by peer"
        }
        return (cause instanceof VertxException || cause instanceof NoStackTraceThrowable)
                && CLOSED_CONNECTION_MESSAGES.stream().anyMatch(message::startsWith);
    }

    private static boolean sessionEnded(String severity) {
        return "FATAL".equals(severity) || "PANIC".equals(severity);
    }

    /** Connection exceptions (class 08), operator intervention (57P01–57P03), too many connections (53300). */
    private static boolean outageState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }
}
