package io.hexgate.network.listing;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.ListQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs a {@link ListQuery} on a registry entity: a visibility condition, the {@code filter[…]} equalities
 * ({@code name} takes {@code *} wildcards, case-insensitive), the order and the page. JSON field names map to
 * entity attributes through {@link #ATTRIBUTES}; nothing from the request is concatenated into HQL.
 */
public final class EntityListing {

    /** JSON field → entity attribute, for filters and order. */
    static final Map<String, String> ATTRIBUTES = Map.ofEntries(
            Map.entry("id", "id"), Map.entry("name", "name"), Map.entry("public", "isPublic"),
            Map.entry("profile", "profile"), Map.entry("network", "network"), Map.entry("connector", "connector"),
            Map.entry("serie_number", "serieNumber"), Map.entry("active", "active"),
            Map.entry("created_at", "createdAt"), Map.entry("updated_at", "updatedAt"),
            Map.entry("last_input", "lastInput"));

    private static final Set<String> BOOLEANS = Set.of("public", "active");

    private EntityListing() {
    }

    /**
     * @param visibility an HQL condition on alias {@code e} using the parameter {@code :profile}
     */
    public static <T> Uni<List<T>> list(Class<T> type, String visibility, String profile, ListQuery query) {
        StringBuilder hql = new StringBuilder("from ").append(type.getSimpleName()).append(" e where ").append(visibility);
        int index = 0;
        for (String field : query.filters().keySet()) {
            String attribute = ATTRIBUTES.get(field);
            if (field.equals("name")) {
                hql.append(" and lower(e.name) like :f").append(index);
            } else {
                hql.append(" and e.").append(attribute).append(" = :f").append(index);
            }
            index++;
        }
        hql.append(" order by e.").append(ATTRIBUTES.get(query.orderBy())).append(query.ascending() ? " asc" : " desc")
                .append(", e.id asc");
        return Panache.getSession().flatMap(session -> {
            var select = session.createSelectionQuery(hql.toString(), type).setParameter("profile", profile);
            int i = 0;
            for (Map.Entry<String, String> filter : query.filters().entrySet()) {
                select.setParameter("f" + i, value(filter.getKey(), filter.getValue()));
                i++;
            }
            return select.setFirstResult(query.offset()).setMaxResults(query.amount()).getResultList();
        });
    }

    private static Object value(String field, String raw) {
        if (BOOLEANS.contains(field)) {
            if (!raw.equals("true") && !raw.equals("false")) {
                throw InvalidRequestException.field("filter[" + field + "]",
                        "filter[" + field + "]: '" + raw + "' must be true or false");
            }
            return Boolean.parseBoolean(raw);
        }
        if (field.equals("name")) {
            return raw.toLowerCase().replace("%", "\\%").replace("_", "\\_").replace('*', '%');
        }
        return raw;
    }
}
