package io.hexgate.parser.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A stored data point (SPEC §2.8). {@code value} is a String, a Double or a Boolean (or null); the location
 * is stored as a GeoJSON point ({@code lng}, {@code lat}); {@code metadata} is a JSON object as text.
 * The id derives from the uplink and the point's index in it, so storing a redelivered uplink again finds
 * every point already there.
 */
public record DataPoint(String id, String device, String variable, Object value, String unit, String group,
                        Instant time, Double lng, Double lat, String metadataJson, String serial, Instant createdAt) {

    /** The variable of a point that records a failure instead of data. */
    public static final String PARSE_ERROR = "parse_error";

    /** A point's id: 24 hex characters of SHA-256 over the uplink id and the index. */
    public static String idOf(String uplinkId, int index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((uplinkId + "/" + index).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
