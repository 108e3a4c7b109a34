package io.hexgate.ingest.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.time.TagoTime;

/**
 * The filters of {@code GET /data} and {@code DELETE /data} (SPEC §3.3), read from the query string as the
 * official SDK sends them ({@code variables[0]=a}, {@code variables[]=a}) or bare ({@code variable=a},
 * {@code variables=a,b}). Bad values are 400s naming the parameter, the value and the rule.
 */
public record DataQuery(List<String> variables, List<String> groups, List<String> ids, List<String> values, int qty,
                        int skip, boolean ascending, Instant start, Instant end, Kind query, boolean details) {

    public static final int DEFAULT_QTY = 15;
    public static final int MAX_QTY = 10_000;

    /**
     * The kinds of {@code query}, as the OpenAPI document lists them: annotations need a constant, so this is the
     * list, and a test holds it equal to {@link Kind}'s values.
     */
    public static final String KINDS = "last_item, last_value, last_location, last_insert, first_item, count, min, max, avg, sum";

    /** The {@code query} parameter: one item or one figure instead of a list. */
    public enum Kind {
        LAST_ITEM, LAST_VALUE, LAST_LOCATION, LAST_INSERT, FIRST_ITEM, COUNT, MIN, MAX, AVG, SUM;

        /** The parameter's value for this kind. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(FieldErrors errors, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String code = value.strip().toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (kind.code().equals(code)) {
                    return kind;
                }
            }
            errors.add("query", "'" + value + "' is not a query; use one of " + KINDS);
            return null;
        }
    }

    public static DataQuery from(Map<String, List<String>> params, Instant now) {
        FieldErrors errors = new FieldErrors();
        List<String> variables = new ArrayList<>();
        for (String variable : list(params, true, "variable", "variables")) {
            variables.add(variable.toLowerCase(Locale.ROOT));
        }
        List<String> groups = list(params, true, "group", "groups");
        List<String> ids = list(params, true, "id", "ids");
        List<String> values = list(params, false, "value", "values");
        int qty = integer(errors, params, "qty", DEFAULT_QTY, 1, MAX_QTY);
        int skip = integer(errors, params, "skip", 0, 0, Integer.MAX_VALUE);
        String ordination = first(params, "ordination");
        boolean ascending = false;
        if (ordination != null && !ordination.isBlank()) {
            switch (ordination.strip().toLowerCase(Locale.ROOT)) {
                case "ascending", "asc" -> ascending = true;
                case "descending", "desc" -> ascending = false;
                default -> errors.add("ordination", "'" + ordination + "' is not an ordination; use descending (default) or ascending");
            }
        }
        Instant start = date(errors, "start_date", first(params, "start_date"), now);
        Instant end = date(errors, "end_date", first(params, "end_date"), now);
        if (start != null && end != null && start.isAfter(end)) {
            errors.add("start_date", "is after end_date (" + start + " > " + end + ")");
        }
        Kind query = Kind.parse(errors, first(params, "query"));
        String details = first(params, "details");
        errors.throwIfAny();
        return new DataQuery(variables, groups, ids, values, qty, skip, ascending, start, end, query,
                details != null && (details.isEmpty() || Boolean.parseBoolean(details)));
    }

    /** ISO-8601 (an offset or Z; without one, UTC) or relative to now: {@code 1 day}, {@code 3 hours}, {@code 2 weeks}. */
    public static Instant date(FieldErrors errors, String field, String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Optional<Instant> date = TagoTime.relative(value).map(amount -> amount.before(now)).or(() -> TagoTime.parseIso(value));
        if (date.isEmpty()) {
            errors.add(field, "'" + value + "' is neither an ISO-8601 date (2026-01-31T12:00:00Z) nor relative "
                    + "to now (1 day, 3 hours, 2 weeks)");
        }
        return date.orElse(null);
    }

    public static int integer(FieldErrors errors, Map<String, List<String>> params, String field, int fallback, int min, int max) {
        String value = first(params, field);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                errors.add(field, value + " is out of range: " + min + " to " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(field, "'" + value + "' is not a whole number");
            return fallback;
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /**
     * Every value of the parameter under any of its names, bare ({@code name=a}), bracketed ({@code name[]=a})
     * or indexed ({@code name[0]=a}, in index order). {@code splitCommas}: {@code variables=a,b} is two.
     */
    private static List<String> list(Map<String, List<String>> params, boolean splitCommas, String... names) {
        List<String> out = new ArrayList<>();
        TreeMap<Integer, List<String>> indexed = new TreeMap<>();
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            String key = entry.getKey();
            for (String name : names) {
                if (key.equals(name) || key.equals(name + "[]")) {
                    entry.getValue().forEach(v -> add(out, v, splitCommas));
                } else if (key.startsWith(name + "[") && key.endsWith("]")) {
                    try {
                        indexed.computeIfAbsent(Integer.parseInt(key.substring(name.length() + 1, key.length() - 1)),
                                k -> new ArrayList<>()).addAll(entry.getValue());
                    } catch (NumberFormatException ignored) {
                        // not one of ours (unknown parameters are ignored)
                    }
                }
            }
        }
        indexed.values().forEach(values -> values.forEach(v -> add(out, v, false)));
        return out;
    }

    private static void add(List<String> out, String value, boolean splitCommas) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (splitCommas) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            out.add(value);
        }
    }
}
