package io.hexgate.common.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.hexgate.common.testing.Infrastructure;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Which failures are an outage of a store (answered 503 with Retry-After) and which are a bug (500): first with a
 * real connection to the real PostgreSQL cut under it, then the shapes a race between a command and the closing of
 * its pooled connection takes in the Vert.x client, which cannot be forced from outside — a fresh-clone CI run
 * answered 500 on one of them while the network-service outage test switched the database off.
 */
class ConnectionLossTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aQueryOnAConnectionWhoseBackendWasTerminatedIsALoss() throws Exception {
        PgConnection connection = await(PgConnection.connect(vertx, options()));
        int pid = connection.processId();
        try (Connection superuser = Infrastructure.fromEnvironment().superuserConnection();
             Statement statement = superuser.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
        Throwable failure = failureOf(connection.query("SELECT 1").execute());
        assertTrue(ConnectionLoss.causedBy(failure), () -> "not seen as a lost connection: " + failure);
    }

    @Test
    void aQueryOnAClosedConnectionIsALoss() throws Exception {
        PgConnection connection = await(PgConnection.connect(vertx, options()));
        await(connection.close());
        Throwable failure = failureOf(connection.query("SELECT 1").execute());
        assertTrue(ConnectionLoss.causedBy(failure), () -> "not seen as a lost connection: " + failure);
    }

    @Test
    void aStatementThePostgresServerRefusesIsABug() throws Exception {
        PgConnection connection = await(PgConnection.connect(vertx, options()));
        try {
            Throwable failure = failureOf(connection.query("SELECT * FROM no_such_table_here").execute());
            assertFalse(ConnectionLoss.causedBy(failure), () -> "a wrong statement seen as an outage: " + failure);
        } finally {
            await(connection.close());
        }
    }

    @Test
    void theRacesOfACommandWithItsClosingConnectionAreLosses() {
        assertTrue(ConnectionLoss.causedBy(new IllegalStateException("wrapped",
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"))));
        assertTrue(ConnectionLoss.causedBy(
                new VertxException("Pending requests failed to be sent due to connection has been closed.")));
        assertTrue(ConnectionLoss.causedBy(new IOException("recvAddress(..) failed: Connection reset by peer")));
    }

    @Test
    void aLossReportedSecondOrSuppressedIsStillALoss() {
        assertTrue(ConnectionLoss.causedBy(new CompositeException(
                new IllegalStateException("rollback failed"), ClosedConnectionException.INSTANCE)));
        IllegalStateException first = new IllegalStateException("statement failed");
        first.addSuppressed(ClosedConnectionException.INSTANCE);
        assertTrue(ConnectionLoss.causedBy(first));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a cause cycle must end the search, not spin in it
    void otherFailuresWithSimilarWordsAreNotLosses() {
        assertFalse(ConnectionLoss.causedBy(new IOException("disk full")));
        assertFalse(ConnectionLoss.causedBy(new IllegalStateException("Connection is not active now")));
        assertFalse(ConnectionLoss.causedBy(new VertxException("Timeout")));
        Throwable loop = new IllegalStateException("a");
        Throwable other = new IllegalStateException("b", loop);
        loop.initCause(other);
        assertFalse(ConnectionLoss.causedBy(loop));
    }

    private static PgConnectOptions options() {
        Infrastructure infrastructure = Infrastructure.fromEnvironment();
        return new PgConnectOptions().setHost(infrastructure.pgHost()).setPort(infrastructure.pgPort())
                .setUser(infrastructure.pgUser()).setPassword(infrastructure.pgPassword()).setDatabase("postgres");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the query succeeded on a connection that should be gone");
    }
}
