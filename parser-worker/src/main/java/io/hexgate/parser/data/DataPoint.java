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

    private static final HexFormat HEX = HexFormat.of();

    /**
     * A point's id, shaped like TagoIO's (MongoDB ObjectId) ids: 24 hex characters, the first 8 the second the
     * uplink was received, the other 16 from SHA-256 over the uplink id and the index. Deterministic, so a
     * redelivered uplink finds its points; and ascending in time, so the primary key grows at its right edge
     * instead of splitting pages all over the index.
     */
    public static String idOf(String uplinkId, Instant receivedAt, int index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((uplinkId + "/" + index).getBytes(StandardCharsets.UTF_8));
            return HEX.toHexDigits((int) receivedAt.getEpochSecond()) + HEX.formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
