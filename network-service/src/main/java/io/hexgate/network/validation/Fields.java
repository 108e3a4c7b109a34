package io.hexgate.network.validation;

import java.net.URI;
import java.net.URISyntaxException;

import io.hexgate.common.api.FieldErrors;

/** The field rules of SPEC §2 that several entities share: trimmed lengths and absolute http(s) URLs. */
public final class Fields {

    /** The longest URL stored (and documented as maxLength). */
    public static final int MAX_URL = 2048;

    private Fields() {
    }

    /** Trimmed text of at most {@code max} characters; null stays null; reported under {@code field}. */
    public static String text(FieldErrors errors, String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            errors.add(field, "at most " + max + " characters, got " + trimmed.length());
        }
        return trimmed;
    }

    /** Like {@link #text} but required: 1 to {@code max} characters after trimming. */
    public static String requiredText(FieldErrors errors, String field, String value, int max) {
        String trimmed = text(errors, field, value, max);
        if (trimmed == null || trimmed.isEmpty()) {
            errors.add(field, "is required (1-" + max + " characters)");
        }
        return trimmed;
    }

    /** An absolute http(s) URL; an empty string clears the field (stored as null). */
    public static String url(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(field, "'" + trimmed + "' is not an absolute http(s) URL");
            } else if (trimmed.length() > MAX_URL) {
                errors.add(field, "at most " + MAX_URL + " characters");
            }
        } catch (URISyntaxException e) {
            errors.add(field, "'" + trimmed + "' is not an absolute http(s) URL");
        }
        return trimmed;
    }
}
