package io.hexgate.ingest.inspector;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.ingest.data.DataQuery;

/**
 * What {@code GET …/inspector} asks of a history: entries since a time, of some stages and levels, holding a text,
 * at most {@code limit} (1–500, default 100), newest first.
 */
record InspectorQuery(long sinceMillis, Set<String> stages, Set<String> levels, String text, int limit) {

    static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");
    private static final Pattern STAGE = Pattern.compile("[a-z_]{1,20}");
    private static final int MAX_TEXT = 100;

    static InspectorQuery parse(Map<String, List<String>> params) {
        FieldErrors errors = new FieldErrors();
        Instant since = DataQuery.date(errors, "since", first(params, "since"), Instant.now());
        Set<String> stages = list(params, "stage");
        for (String stage : stages) {
            if (!STAGE.matcher(stage).matches()) {
                errors.add("stage", "'" + stage + "' is not a stage: request, network, connector, device, console, "
                        + "stored, dlq, duplicate, runtime or none");
            }
        }
        Set<String> levels = list(params, "level");
        for (String level : levels) {
            if (!LEVELS.contains(level)) {
                errors.add("level", "'" + level + "' is not a level: debug, info, warn or error");
            }
        }
        String text = first(params, "q");
        if (text != null && text.length() > MAX_TEXT) {
            errors.add("q", "the search text is " + text.length() + " characters long; at most " + MAX_TEXT);
        }
        int limit = DataQuery.integer(errors, params, "limit", 100, 1, 500);
        errors.throwIfAny();
        return new InspectorQuery(since == null ? 0 : since.toEpochMilli(), stages, levels,
                text == null || text.isBlank() ? null : text.toLowerCase(Locale.ROOT), limit);
    }

    /** Whether an entry of the history is asked for. */
    Predicate<InspectorHistory.Entry> filter(ObjectMapper json) {
        if (stages.isEmpty() && levels.isEmpty() && text == null) {
            return entry -> true;
        }
        return entry -> {
            if (text != null && !entry.json().toLowerCase(Locale.ROOT).contains(text)) {
                return false;
            }
            if (stages.isEmpty() && levels.isEmpty()) {
                return true;
            }
            JsonNode node;
            try {
                node = json.readTree(entry.json());
            } catch (Exception unreadable) {
                return false;
            }
            return (stages.isEmpty() || stages.contains(node.path("stage").asText()))
                    && (levels.isEmpty() || levels.contains(node.path("level").asText()));
        };
    }

    private static Set<String> list(Map<String, List<String>> params, String name) {
        String value = first(params, name);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Set.of(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toArray(String[]::new));
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
