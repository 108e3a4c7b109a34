package io.hexgate.parser.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One stage's parser: whose it is (its {@code stage}, and the owner's id: the network's, connector's or device's), its
 * JavaScript source, and how it is run — {@code entry}: {@code auto} (a TagoIO script, or a codec detected from what it
 * defines), {@code tagoio}, or a declared codec entry point {@code decodeUplink}, {@code Decode} or {@code Decoder}
 * (docs/codecs.md). {@code key} identifies the source's content and the entry, so an edited parser compiles anew and
 * an unchanged one is never compiled twice.
 */
public record ParserScript(ParserStage stage, String ownerId, String source, String key, String entry) {

    /** How a parser is run when nothing is declared. */
    public static final String AUTO = "auto";

    public static ParserScript of(ParserStage stage, String ownerId, String source) {
        return new ParserScript(stage, ownerId, source, stage.label() + ":" + ownerId + ":" + digest(source), AUTO);
    }

    /** This parser run by the declared entry ({@code null} or unknown: {@code auto}). */
    public ParserScript withEntry(String declared) {
        String entry = declared == null || !JsEngine.ENTRIES.containsKey(declared) ? AUTO : declared;
        return entry.equals(this.entry) ? this
                : new ParserScript(stage, ownerId, source, stage.label() + ":" + ownerId + ":" + digest(source) + ":" + entry, entry);
    }

    /** A parser as the registry stores it (base64 of UTF-8 source); null or blank when there is none. */
    public static ParserScript fromBase64(ParserStage stage, String ownerId, String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        String source = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        return source.isBlank() ? null : of(stage, ownerId, source);
    }

    private static String digest(String source) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
