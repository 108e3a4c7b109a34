package io.hexgate.network.parser;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.ParserSourceLimit;

/**
 * A parser as stored (SPEC §2.2): base64 of the UTF-8 JavaScript source, source at most
 * {@code hexgate.parser.max-source-bytes} ({@link ParserLimits}, 256 kB by default). An empty string clears the parser.
 */
public record ParserCode(String base64, String source) {

    /** The longest base64 text of a source of the default limit (without line breaks): the documented maxLength. */
    public static final int MAX_BASE64 = 4 * ((ParserSourceLimit.DEFAULT_BYTES + 2) / 3);

    /** Decodes and checks a base64 field; reports under {@code field}; null when absent or invalid. */
    public static ParserCode fromBase64(FieldErrors errors, String field, String base64, int maxSourceBytes) {
        if (base64 == null) {
            return null;
        }
        String compact = base64.replaceAll("\\s", "");
        if (compact.isEmpty()) {
            return new ParserCode("", "");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            errors.add(field, "is not valid base64 (" + e.getMessage() + ")");
            return null;
        }
        return checked(errors, field, bytes, compact, maxSourceBytes);
    }

    /** Plain source (a device's {@code parse_function}), stored as base64 like the others. */
    public static ParserCode fromSource(FieldErrors errors, String field, String source, int maxSourceBytes) {
        if (source == null) {
            return null;
        }
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        return checked(errors, field, bytes, Base64.getEncoder().encodeToString(bytes), maxSourceBytes);
    }

    private static ParserCode checked(FieldErrors errors, String field, byte[] bytes, String base64, int maxSourceBytes) {
        if (bytes.length > maxSourceBytes) {
            errors.add(field, ParserSourceLimit.tooLarge(bytes.length, maxSourceBytes));
            return null;
        }
        try {
            String source = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new ParserCode(base64, source);
        } catch (CharacterCodingException e) {
            errors.add(field, "the decoded parser is not UTF-8 text");
            return null;
        }
    }

    public boolean isEmpty() {
        return source.isBlank();
    }
}
