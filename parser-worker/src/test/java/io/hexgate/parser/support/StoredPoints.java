package io.hexgate.parser.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What parser-worker stored, read from its schema as a test checks it. */
public final class StoredPoints {

    private StoredPoints() {
    }

    /** How many points of the device are in {@code data.points}. */
    public static long count(Pool database, String device) {
        return database.preparedQuery("SELECT count(*) FROM data.points WHERE device = $1").execute(Tuple.of(device))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
