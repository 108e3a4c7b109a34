package io.hexgate.ingest.data;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.util.RawValue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads a device's data points from parser-worker's {@code data} schema through the read-only role (the
 * query side of the data store, SPEC §1). Every query is scoped to one device and served by the indexes
 * (device, variable, time), (device, time) and (device, created_at).
 */
@ApplicationScoped
public class DataReader {

    private static final String COLUMNS = "id, device, variable, value_number, value_string, value_boolean, unit, "
            + "group_id, time, lng, lat, metadata::text AS metadata, serial, created_at";

    @Inject
    Pool database;

    /** The points, or for {@code count} a number, or for {@code avg}/{@code sum} one {variable, value} per variable. */
    public Uni<Object> read(String device, DataQuery query) {
        Filter filter = filter(device, query);
        if (query.query() == null) {
            return points(filter, page(query), query);
        }
        return switch (query.query()) {
            case LAST_ITEM -> points(filter, "ORDER BY time DESC, id LIMIT 1", query);
            case FIRST_ITEM -> points(filter, "ORDER BY time ASC, id LIMIT 1", query);
            case LAST_INSERT -> points(filter, "ORDER BY created_at DESC, id LIMIT 1", query);
            case LAST_VALUE -> points(filter.and("(value_number IS NOT NULL OR value_string IS NOT NULL OR value_boolean IS NOT NULL)"),
                    "ORDER BY time DESC, id LIMIT 1", query);
            case LAST_LOCATION -> points(filter.and("lng IS NOT NULL"), "ORDER BY time DESC, id LIMIT 1", query);
            case COUNT -> database.preparedQuery("SELECT count(*) AS n FROM data.points WHERE " + filter.where())
                    .execute(Tuple.from(filter.values())).map(rows -> (Object) rows.iterator().next().getLong("n"));
            case MIN, MAX -> database.preparedQuery("SELECT DISTINCT ON (variable) " + COLUMNS + " FROM data.points WHERE "
                            + filter.and("value_number IS NOT NULL").where() + " ORDER BY variable, value_number "
                            + (query.query() == DataQuery.Kind.MIN ? "ASC" : "DESC") + ", time DESC")
                    .execute(Tuple.from(filter.values())).map(rows -> (Object) list(rows, query.details()));
            case AVG, SUM -> database.preparedQuery("SELECT variable, " + (query.query() == DataQuery.Kind.AVG ? "avg" : "sum")
                            + "(value_number) AS value, count(*) AS n FROM data.points WHERE " + filter.and("value_number IS NOT NULL").where()
                            + " GROUP BY variable ORDER BY variable")
                    .execute(Tuple.from(filter.values())).map(rows -> {
                        List<Map<String, Object>> out = new ArrayList<>();
                        for (Row row : rows) {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("variable", row.getString("variable"));
                            item.put("value", row.getDouble("value"));
                            item.put("count", row.getLong("n"));
                            out.add(item);
                        }
                        return (Object) out;
                    });
        };
    }

    /** The ids of the points a {@code DELETE /data} with these filters removes (default the newest 15). */
    public Uni<List<String>> ids(String device, DataQuery query) {
        Filter filter = filter(device, query);
        return database.preparedQuery("SELECT id FROM data.points WHERE " + filter.where() + " " + page(query))
                .execute(Tuple.from(filter.values()))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id").strip()));
                    return ids;
                });
    }

    /** The list order and window that GET /data pages through and DELETE /data removes. */
    private static String page(DataQuery query) {
        return "ORDER BY time " + (query.ascending() ? "ASC" : "DESC") + ", id LIMIT " + query.qty() + " OFFSET " + query.skip();
    }

    private Uni<Object> points(Filter filter, String tail, DataQuery query) {
        return database.preparedQuery("SELECT " + COLUMNS + " FROM data.points WHERE " + filter.where() + " " + tail)
                .execute(Tuple.from(filter.values())).map(rows -> (Object) list(rows, query.details()));
    }

    private List<Map<String, Object>> list(Iterable<Row> rows, boolean details) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(point(row, details));
        }
        return out;
    }

    /** A point in TagoIO's shape; {@code details} adds the device and when it was stored. */
    private Map<String, Object> point(Row row, boolean details) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("id", row.getString("id").strip());
        point.put("variable", row.getString("variable"));
        Object value = row.getValue("value_number") != null ? row.getDouble("value_number")
                : row.getValue("value_boolean") != null ? row.getBoolean("value_boolean") : row.getString("value_string");
        point.put("value", value);
        if (row.getString("unit") != null) {
            point.put("unit", row.getString("unit"));
        }
        point.put("group", row.getString("group_id"));
        point.put("time", row.getOffsetDateTime("time").withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString());
        if (row.getValue("lng") != null) {
            point.put("location", Map.of("type", "Point", "coordinates", List.of(row.getDouble("lng"), row.getDouble("lat"))));
        }
        if (row.getString("metadata") != null) {
            // jsonb as text: written into the answer as is, not parsed and serialised again.
            point.put("metadata", new RawValue(row.getString("metadata")));
        }
        if (row.getString("serial") != null) {
            point.put("serial", row.getString("serial"));
        }
        if (details) {
            point.put("device", row.getString("device").strip());
            point.put("created_at", row.getOffsetDateTime("created_at").toInstant().toString());
        }
        return point;
    }

    private static Filter filter(String device, DataQuery query) {
        Filter filter = new Filter(new StringBuilder("device = $1"), new ArrayList<>(List.of(device)));
        if (!query.variables().isEmpty()) {
            filter.add("variable = ANY($?)", query.variables().toArray(String[]::new));
        }
        if (!query.groups().isEmpty()) {
            filter.add("group_id = ANY($?)", query.groups().toArray(String[]::new));
        }
        if (!query.ids().isEmpty()) {
            filter.add("id = ANY($?)", query.ids().toArray(String[]::new));
        }
        if (!query.values().isEmpty()) {
            List<Double> numbers = new ArrayList<>();
            List<Boolean> booleans = new ArrayList<>();
            for (String value : query.values()) {
                try {
                    numbers.add(Double.parseDouble(value));
                } catch (NumberFormatException ignored) {
                    // not a number: compared as a string (and a boolean)
                }
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    booleans.add(Boolean.parseBoolean(value));
                }
            }
            int strings = filter.values().size() + 1;
            filter.values().add(query.values().toArray(String[]::new));
            filter.values().add(numbers.toArray(Double[]::new));
            filter.values().add(booleans.toArray(Boolean[]::new));
            filter.where().append(" AND (value_string = ANY($").append(strings).append(") OR value_number = ANY($")
                    .append(strings + 1).append(") OR value_boolean = ANY($").append(strings + 2).append("))");
        }
        if (query.start() != null) {
            filter.add("time >= $?", query.start().atOffset(ZoneOffset.UTC));
        }
        if (query.end() != null) {
            filter.add("time <= $?", query.end().atOffset(ZoneOffset.UTC));
        }
        return filter;
    }

    /** A WHERE clause and its parameters, built together so the numbering cannot drift. */
    private record Filter(StringBuilder where, List<Object> values) {
        void add(String condition, Object value) {
            values.add(value);
            where.append(" AND ").append(condition.replace("$?", "$" + values.size()));
        }

        Filter and(String condition) {
            return new Filter(new StringBuilder(where).append(" AND ").append(condition), values);
        }
    }
}
