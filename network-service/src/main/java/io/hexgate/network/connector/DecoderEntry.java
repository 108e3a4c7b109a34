package io.hexgate.network.connector;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a connector's decoder is run (docs/codecs.md): {@code auto} — a TagoIO script, or a codec when the script
 * defines an entry point and leaves {@code payload} alone — or declared: {@code tagoio} (never a codec), or the
 * codec entry point to call ({@code decodeUplink}, {@code Decode}, {@code Decoder}), whatever else the script defines.
 */
public enum DecoderEntry {
    AUTO("auto"), TAGOIO("tagoio"), DECODE_UPLINK("decodeUplink"), DECODE("Decode"), DECODER("Decoder");

    /** The longest label. */
    public static final int MAX_LENGTH = 16;
    /** The labels, for a field error. */
    public static final String LABELS = Arrays.stream(values()).map(DecoderEntry::label).collect(Collectors.joining(", "));

    private static final Pattern ENCODE_DOWNLINK = Pattern.compile("(?<![A-Za-z0-9_$.])encodeDownlink(?![A-Za-z0-9_$])");

    private final String label;

    DecoderEntry(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The entry of this label (exactly as written: JavaScript names are case-sensitive), or null. */
    public static DecoderEntry parse(String label) {
        return Arrays.stream(values()).filter(entry -> entry.label.equals(label)).findFirst().orElse(null);
    }

    /** Whether a source names an {@code encodeDownlink} of its own (a definition or an assignment). */
    static boolean definesEncodeDownlink(String source) {
        return ENCODE_DOWNLINK.matcher(source).find();
    }
}
