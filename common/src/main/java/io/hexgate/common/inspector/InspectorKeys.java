package io.hexgate.common.inspector;

/**
 * The Redis keys of the inspector (docs/inspector.md), shared by the service that keeps the history and answers
 * {@code /events} (ingest-service) and the one that decides how much of each uplink to trace (parser-worker).
 * Every key starts with the installation's prefix ({@code hexgate.redis.key-prefix}).
 *
 * <ul>
 *   <li>{@link #watched}: a sorted set whose members are {@link #device}, {@link #network} and {@link #via} names,
 *       scored by the epoch millisecond until which they are watched (a live listener renews its minute; a timed
 *       window sets its end). parser-worker reads the members of a score past now.</li>
 *   <li>{@link #deviceStream} and {@link #networkStream}: the history, one capped Redis stream each, the entry ids
 *       being the SSE event ids.</li>
 * </ul>
 */
public final class InspectorKeys {

    private InspectorKeys() {
    }

    /** The sorted set of what is watched until when. */
    public static String watched(String prefix) {
        return prefix + "inspector:watched";
    }

    /** A watched device: its uplinks are traced in full. */
    public static String device(String id) {
        return "device:" + id;
    }

    /** A watched network inspector: its network-level uplinks are traced in full. */
    public static String network(String id) {
        return "network:" + id;
    }

    /** A network one of whose devices is watched: its network-level uplinks keep each stage's output. */
    public static String via(String network) {
        return "via:" + network;
    }

    /** A device's history. */
    public static String deviceStream(String prefix, String device) {
        return prefix + "inspector:device:" + device;
    }

    /** A network's history of one profile's uplinks (a built-in network serves many profiles: each sees its own). */
    public static String networkStream(String prefix, String network, String profile) {
        return prefix + "inspector:network:" + network + ":" + profile;
    }
}
