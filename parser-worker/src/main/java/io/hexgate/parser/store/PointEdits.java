package io.hexgate.parser.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Changes to stored points on behalf of {@code PUT /data} and {@code DELETE /data} (SPEC §3.3), always scoped to one
 * device: edits column by column in one transaction, deletions by id.
 */
@ApplicationScoped
public class PointEdits {

    @Inject
    Pool database;

    /** One point's new values, by column of {@code data.points} (validated by the caller). */
    public record Edit(String id, Map<String, Object> columns) {
    }

    /** How many of the device's points were edited. */
    public Uni<Integer> edit(String device, List<Edit> edits) {
        return database.withTransaction(connection -> apply(connection, device, edits, 0, 0));
    }

    /** How many of the device's points with these ids were deleted. */
    public Uni<Integer> delete(String device, List<String> ids) {
        return database.preparedQuery("DELETE FROM data.points WHERE device = $1 AND id = ANY($2)")
                .execute(Tuple.of(device, ids.toArray(String[]::new)))
                .map(rows -> rows.rowCount());
    }

    private Uni<Integer> apply(SqlClient connection, String device, List<Edit> edits, int index, int updated) {
        if (index == edits.size()) {
            return Uni.createFrom().item(updated);
        }
        Edit edit = edits.get(index);
        List<Object> values = new ArrayList<>(List.of(device, edit.id()));
        StringBuilder set = new StringBuilder();
        edit.columns().forEach((column, value) -> {
            values.add(value);
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = $").append(values.size())
                    .append(column.equals("metadata") ? "::text::jsonb" : "");
        });
        if (set.isEmpty()) {
            return apply(connection, device, edits, index + 1, updated);
        }
        return connection.preparedQuery("UPDATE data.points SET " + set + " WHERE device = $1 AND id = $2")
                .execute(Tuple.from(values))
                .chain(rows -> apply(connection, device, edits, index + 1, updated + rows.rowCount()));
    }
}
