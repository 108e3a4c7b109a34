package io.hexgate.common.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The list parameters of TagoIO (SPEC §3): {@code page} (default 1), {@code amount} (default 20, max 10,000),
 * {@code fields}, {@code filter[field]=value}, {@code orderBy=field,asc|desc} — in the official SDK's {@code qs}
 * form ({@code fields[0]=id}, {@code orderBy[0]=name&orderBy[1]=desc}) and the bare form ({@code fields=id,name}).
 */
public record ListQuery(int page, int amount, List<String> fields, Map<String, String> filters, String orderBy,
                        boolean ascending) {

    public static final int MAX_AMOUNT = 10_000;
    /** The last page that can be asked for: with the largest amount its offset still fits an int. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_AMOUNT;

    public static ListQuery parse(MultivaluedMap<String, String> query, Set<String> filterable, Set<String> orderable,
                                  String defaultOrder) {
        FieldErrors errors = new FieldErrors();
        // (page - 1) × amount must stay an int offset: page 2147483647 overflowed into a negative OFFSET (a 500)
        int page = number(errors, query.getFirst("page"), "page", 1, 1, MAX_PAGE);
        int amount = number(errors, query.getFirst("amount"), "amount", 20, 1, MAX_AMOUNT);

        List<String> fields = new ArrayList<>(indexed(query, "fields"));
        Map<String, String> filters = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(indexed(query, "orderBy"));
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("filter[") && key.endsWith("]") && !entry.getValue().isEmpty()) {
                String field = key.substring("filter[".length(), key.length() - 1);
                if (!filterable.contains(field)) {
                    errors.add(key, "cannot filter on '" + field + "'; filterable fields: " + new TreeSet<>(filterable));
                } else {
                    filters.put(field, entry.getValue().getFirst());
                }
            }
        }
        String orderBy = defaultOrder;
        boolean ascending = true;
        if (!order.isEmpty()) {
            orderBy = order.get(0);
            if (!orderable.contains(orderBy)) {
                errors.add("orderBy", "cannot order by '" + orderBy + "'; orderable fields: " + new TreeSet<>(orderable));
            }
            if (order.size() > 1) {
                String direction = order.get(1).toLowerCase();
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    errors.add("orderBy", "direction '" + order.get(1) + "' must be asc or desc");
                }
                ascending = !direction.equals("desc");
            }
        }
        errors.throwIfAny();
        return new ListQuery(page, amount, List.copyOf(fields), Map.copyOf(filters), orderBy, ascending);
    }

    /** Offset of the first row of the page. */
    public int offset() {
        return (page - 1) * amount;
    }

    /** Keeps only the requested {@code fields} of an item (all when none were requested). */
    public Map<String, Object> project(Map<String, Object> item) {
        return project(item, fields);
    }

    /** The {@code fields} a request asks for ({@code fields=a,b} or {@code fields[0]=a&fields[1]=b}); empty: all. */
    public static List<String> requestedFields(MultivaluedMap<String, String> query) {
        return List.copyOf(indexed(query, "fields"));
    }

    /** Keeps only {@code fields} of an item (all when empty): for single items, as the SDK's {@code info(id, fields)} asks. */
    public static Map<String, Object> project(Map<String, Object> item, List<String> fields) {
        if (fields.isEmpty()) {
            return item;
        }
        Map<String, Object> projected = new LinkedHashMap<>();
        for (String field : fields) {
            if (item.containsKey(field)) {
                projected.put(field, item.get(field));
            }
        }
        return projected;
    }

    /** {@code name=a,b}, {@code name[0]=a&name[1]=b} and {@code name[]=a} all give [a, b]. */
    private static List<String> indexed(MultivaluedMap<String, String> query, String name) {
        List<String> values = new ArrayList<>();
        List<String> bare = query.get(name);
        if (bare != null) {
            bare.forEach(value -> split(value, values));
        }
        List<String> brackets = query.get(name + "[]");
        if (brackets != null) {
            brackets.forEach(value -> split(value, values));
        }
        for (int i = 0; query.containsKey(name + "[" + i + "]"); i++) {
            split(query.getFirst(name + "[" + i + "]"), values);
        }
        return values;
    }

    private static void split(String value, List<String> into) {
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                into.add(part.strip());
            }
        }
    }

    private static int number(FieldErrors errors, String value, String field, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                errors.add(field, "must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(field, "'" + value + "' is not a whole number");
            return fallback;
        }
    }
}
