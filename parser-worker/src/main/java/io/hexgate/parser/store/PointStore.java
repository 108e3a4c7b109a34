package io.hexgate.parser.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.hexgate.parser.data.DataPoint;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Writes data points to {@code data.points}: one statement per batch (arrays unnested server-side). Storing the
 * same uplink twice stores its points once: a batch goes in as a plain {@code INSERT} first and, only if a point
 * is already there (a redelivered batch: SQLSTATE 23505), again with {@code ON CONFLICT DO NOTHING}. The plain
 * statement is the common case and the cheaper one: {@code ON CONFLICT} probes the primary key of every row
 * before inserting it, which was a sixth of PostgreSQL's CPU in the pipeline benchmark (docs/benchmarks.md).
 * A batch with uplinks posted with an Idempotency-Key goes in with their claims, in one transaction (below).
 */
@ApplicationScoped
public class PointStore {

    private static final String INSERT = """
            INSERT INTO data.points (id, device, variable, value_number, value_string, value_boolean, unit, group_id,
                                     time, lng, lat, metadata, serial, created_at)
            SELECT id, device, variable, vn, vs, vb, unit, grp, t, lng, lat, md::jsonb, serial, ca
            FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::bool[], $7::text[], $8::text[],
                        $9::timestamptz[], $10::float8[], $11::float8[], $12::text[], $13::text[], $14::timestamptz[])
                 AS p(id, device, variable, vn, vs, vb, unit, grp, t, lng, lat, md, serial, ca)""";

    private static final String INSERT_NEW_ONLY = INSERT + " ON CONFLICT DO NOTHING";

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Claims the ids of uplinks posted with an Idempotency-Key: a row per id, or an old claim (outside the window)
     * taken over; returns each id with the received_at that holds it. An uplink holds its id when that is its own
     * received_at: the first attempt, or the same record delivered again (whose points are already there); a retry
     * within the window finds the first attempt's time and stores nothing.
     */
    private static final String CLAIM = """
            INSERT INTO data.idempotent_uplinks AS claim (uplink, received_at)
            SELECT * FROM unnest($1::text[], $2::timestamptz[])
            ON CONFLICT (uplink) DO UPDATE SET received_at = CASE WHEN claim.received_at < $3
                THEN EXCLUDED.received_at ELSE claim.received_at END
            RETURNING uplink, received_at""";

    private static final String PRUNE = "DELETE FROM data.idempotent_uplinks WHERE received_at < $1";

    private static final Logger LOG = Logger.getLogger(PointStore.class);

    @Inject
    Pool database;

    /** How long a retry with the same Idempotency-Key stores nothing (docs/ingest.md). */
    @ConfigProperty(name = "hexgate.idempotency.window", defaultValue = "24h")
    Duration window;

    /** The points of one uplink posted with an Idempotency-Key: stored only by the first uplink of its id. */
    public record Keyed(String uplink, Instant receivedAt, List<DataPoint> points) {
    }

    /**
     * Stores the points of ordinary uplinks, and those of the keyed uplinks that hold their id (no other attempt
     * claimed it within the window), in one transaction with the claims: a crash between the two never leaves a
     * claim without its points. Completes with the ids of the keyed uplinks another attempt holds, whose points
     * were left out. The keyed uplinks'
     * ids must be distinct (the caller keeps the first of a batch).
     */
    public Uni<Set<String>> store(List<DataPoint> points, List<Keyed> keyed) {
        if (keyed.isEmpty()) {
            return store(points).map(n -> Set.of());
        }
        String[] ids = keyed.stream().map(Keyed::uplink).toArray(String[]::new);
        // PostgreSQL keeps microseconds: the claim is compared with the uplink's time at that precision
        OffsetDateTime[] times = keyed.stream().map(k -> utc(micros(k.receivedAt()))).toArray(OffsetDateTime[]::new);
        OffsetDateTime windowStart = utc(Instant.now().minus(window));
        return database.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(ids, times, windowStart))
                .chain(rows -> {
                    Map<String, Instant> holders = new HashMap<>();
                    rows.forEach(row -> holders.put(row.getString(0), row.getOffsetDateTime(1).toInstant()));
                    List<DataPoint> all = new ArrayList<>(points);
                    Set<String> before = new HashSet<>();
                    for (Keyed k : keyed) {
                        if (micros(k.receivedAt()).equals(holders.get(k.uplink()))) {
                            all.addAll(k.points());
                        } else {
                            before.add(k.uplink());
                        }
                    }
                    // within a transaction a failed statement ends it: no plain INSERT first here
                    return all.isEmpty() ? Uni.createFrom().item(before)
                            : connection.preparedQuery(INSERT_NEW_ONLY).execute(values(all)).replaceWith(before);
                }));
    }

    /** Forgets claims older than the window, hourly: a retry after the window is a new uplink. */
    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> prune() {
        return database.preparedQuery(PRUNE).execute(Tuple.of(utc(Instant.now().minus(window))))
                .invoke(rows -> LOG.debugf("pruned %d Idempotency-Key claims", rows.rowCount()))
                .onFailure().invoke(e -> LOG.warnf("could not prune the Idempotency-Key claims: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Stores the points; completes with how many were new. */
    public Uni<Integer> store(List<DataPoint> points) {
        if (points.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Tuple values = values(points);
        return database.preparedQuery(INSERT).execute(values)
                .onFailure(PointStore::storedBefore).recoverWithUni(() -> database.preparedQuery(INSERT_NEW_ONLY).execute(values))
                .map(rows -> rows.rowCount());
    }

    /** The points as the statements' column arrays. */
    private static Tuple values(List<DataPoint> points) {
        int n = points.size();
        String[] id = new String[n], device = new String[n], variable = new String[n], string = new String[n],
                unit = new String[n], group = new String[n], metadata = new String[n], serial = new String[n];
        Double[] number = new Double[n], lng = new Double[n], lat = new Double[n];
        Boolean[] bool = new Boolean[n];
        OffsetDateTime[] time = new OffsetDateTime[n], created = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            DataPoint p = points.get(i);
            id[i] = p.id();
            device[i] = p.device();
            variable[i] = p.variable();
            if (p.value() instanceof Double d) {
                number[i] = d;
            } else if (p.value() instanceof Boolean b) {
                bool[i] = b;
            } else if (p.value() != null) {
                string[i] = p.value().toString();
            }
            unit[i] = p.unit();
            group[i] = p.group();
            time[i] = utc(p.time());
            lng[i] = p.lng();
            lat[i] = p.lat();
            metadata[i] = p.metadataJson();
            serial[i] = p.serial();
            created[i] = utc(p.createdAt());
        }
        return Tuple.from(new Object[] { id, device, variable, number, string, bool, unit, group, time, lng, lat,
                metadata, serial, created });
    }

    private static boolean storedBefore(Throwable failure) {
        return failure instanceof PgException e && UNIQUE_VIOLATION.equals(e.getSqlState());
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
