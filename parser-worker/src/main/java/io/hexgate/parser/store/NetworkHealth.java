package io.hexgate.parser.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.IdFormat;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per-network ingest health (docs/networks/README.md): counts of what became of each network's uplinks, per profile,
 * with the last success and the last error — added to once per batch, in one statement. Rows are taken in one order
 * (network, profile), so two batches adding to the same rows wait for each other instead of deadlocking.
 */
@ApplicationScoped
public class NetworkHealth {

    /** What became of an uplink, as counted. */
    public enum Outcome { STORED, PARSE_ERROR, DEAD_LETTER, DUPLICATE }

    /** One handled uplink: whose, when it was received, what became of it, and the error it met (or null). */
    public record Uplink(String network, String profile, Instant receivedAt, Outcome outcome, String error) {
    }

    /** The longest error kept: the first line a person reads, not a whole output. */
    static final int MAX_ERROR = 500;
    /** The longest profile id kept; an envelope with a longer one is not counted (it names no profile of ours). */
    static final int MAX_PROFILE = 64;

    private static final String ADD = """
            INSERT INTO data.network_health AS h (network, profile, stored, parse_error, dead_letter, duplicate,
                                                  last_success_at, last_error_at, last_error)
            SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::int8[], $6::int8[],
                                 $7::timestamptz[], $8::timestamptz[], $9::text[])
            ON CONFLICT (network, profile) DO UPDATE SET
                stored = h.stored + EXCLUDED.stored, parse_error = h.parse_error + EXCLUDED.parse_error,
                dead_letter = h.dead_letter + EXCLUDED.dead_letter, duplicate = h.duplicate + EXCLUDED.duplicate,
                last_success_at = GREATEST(h.last_success_at, EXCLUDED.last_success_at),
                last_error = CASE WHEN EXCLUDED.last_error_at IS NOT NULL
                    AND (h.last_error_at IS NULL OR EXCLUDED.last_error_at >= h.last_error_at)
                    THEN EXCLUDED.last_error ELSE h.last_error END,
                last_error_at = GREATEST(h.last_error_at, EXCLUDED.last_error_at)""";

    @Inject
    Pool database;

    private static final class Row {
        final long[] counts = new long[Outcome.values().length];
        Instant lastSuccess;
        Instant lastErrorAt;
        String lastError;
    }

    /** Adds the batch's uplinks to their networks' rows. */
    public Uni<Void> add(List<Uplink> uplinks) {
        Map<String, Row> rows = new TreeMap<>();
        for (Uplink uplink : uplinks) {
            if (!IdFormat.isId(uplink.network()) || uplink.profile() == null || uplink.profile().length() > MAX_PROFILE) {
                continue;
            }
            Row row = rows.computeIfAbsent(uplink.network() + "\n" + uplink.profile(), key -> new Row());
            row.counts[uplink.outcome().ordinal()]++;
            Instant at = uplink.receivedAt();
            if (uplink.outcome() == Outcome.STORED && (row.lastSuccess == null || at.isAfter(row.lastSuccess))) {
                row.lastSuccess = at;
            }
            if (uplink.error() != null && (row.lastErrorAt == null || !at.isBefore(row.lastErrorAt))) {
                row.lastErrorAt = at;
                row.lastError = uplink.error().length() > MAX_ERROR ? uplink.error().substring(0, MAX_ERROR) + "…"
                        : uplink.error();
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] network = new String[n], profile = new String[n], error = new String[n];
        Long[][] counts = new Long[Outcome.values().length][n];
        OffsetDateTime[] success = new OffsetDateTime[n], failed = new OffsetDateTime[n];
        int i = 0;
        for (Map.Entry<String, Row> entry : rows.entrySet()) {
            int cut = entry.getKey().indexOf('\n');
            network[i] = entry.getKey().substring(0, cut);
            profile[i] = entry.getKey().substring(cut + 1);
            Row row = entry.getValue();
            for (int o = 0; o < counts.length; o++) {
                counts[o][i] = row.counts[o];
            }
            success[i] = utc(row.lastSuccess);
            failed[i] = utc(row.lastErrorAt);
            error[i] = row.lastError;
            i++;
        }
        return database.preparedQuery(ADD).execute(Tuple.from(new Object[] { network, profile, counts[0],
                counts[1], counts[2], counts[3], success, failed, error })).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
