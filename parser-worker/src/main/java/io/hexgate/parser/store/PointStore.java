package io.hexgate.parser.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.parser.data.DataPoint;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes data points to {@code data.points}: one statement per batch (arrays unnested server-side). Storing the
 * same uplink twice stores its points once: a batch goes in as a plain {@code INSERT} first and, only if a point
 * is already there (a redelivered batch: SQLSTATE 23505), again with {@code ON CONFLICT DO NOTHING}. The plain
 * statement is the common case and the cheaper one: {@code ON CONFLICT} probes the primary key of every row
 * before inserting it, which was a sixth of PostgreSQL's CPU in the pipeline benchmark (docs/benchmarks.md).
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

    @Inject
    Pool database;

    /** Stores the points; completes with how many were new. */
    public Uni<Integer> store(List<DataPoint> points) {
        if (points.isEmpty()) {
            return Uni.createFrom().item(0);
        }
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
        Tuple values = Tuple.from(new Object[] { id, device, variable, number, string, bool, unit, group, time, lng, lat,
                metadata, serial, created });
        return database.preparedQuery(INSERT).execute(values)
                .onFailure(PointStore::storedBefore).recoverWithUni(() -> database.preparedQuery(INSERT_NEW_ONLY).execute(values))
                .map(rows -> rows.rowCount());
    }

    private static boolean storedBefore(Throwable failure) {
        return failure instanceof PgException e && UNIQUE_VIOLATION.equals(e.getSqlState());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
