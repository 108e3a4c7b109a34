package io.hexgate.common.json;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Finds text that PostgreSQL cannot store — the character U+0000 — in a request body, so that it is refused at the
 * edge with a 400 naming where it is (SPEC §6) instead of reaching a consumer that could never store it. The scan
 * for the raw byte and for the JSON escape {@code \u0000} is cheap; only a body that has one is parsed, to name the
 * field (or to find that the escape was itself escaped text).
 */
public final class StorableText {

    private static final JsonFactory JSON = new JsonFactory();

    private StorableText() {
    }

    /** Where text that cannot be stored was found: the field (as the API names fields) and a message naming it. */
    public record Found(String field, String message) {
    }

    /** Where the body holds U+0000; empty when it holds none. */
    public static Optional<Found> nulIn(byte[] body) {
        int raw = indexOfNul(body);
        if (raw >= 0) {
            return Optional.of(new Found("body", "body: holds the character U+0000 (NUL) at byte " + raw
                    + ", which cannot be stored"));
        }
        if (!hasEscapedNul(body)) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                boolean text = token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME;
                if (text && parser.getText().indexOf('\u0000') >= 0) {
                    String field = path(parser.getParsingContext());
                    return Optional.of(new Found(field, field + ": holds the character U+0000 (NUL), which cannot be stored"));
                }
            }
        } catch (IOException notJson) {
            // not JSON: the escape is plain text, which stores fine
        }
        return Optional.empty();
    }

    /** {@code params[2].key}, as the error envelope names fields; {@code body} for a bare value. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            String step = at.inArray() ? "[" + at.getCurrentIndex() + "]"
                    : (at.getParent() != null && at.getParent().inRoot() ? "" : ".") + at.getCurrentName();
            path.insert(0, step);
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static int indexOfNul(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasEscapedNul(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0' && body[i + 4] == '0'
                    && body[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }
}
