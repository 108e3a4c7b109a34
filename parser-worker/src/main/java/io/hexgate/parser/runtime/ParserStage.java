package io.hexgate.parser.runtime;

import java.util.Locale;

/**
 * Where a parser runs in an uplink's run (SPEC §4), in this order: the network's, then the connector's (when the
 * device has {@code connector_parse}), then the device's own. Named by {@link #label()} in the API, the inspector,
 * the metrics and a {@code parse_error}'s metadata.
 */
public enum ParserStage {
    NETWORK, CONNECTOR, DEVICE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** {@code network}, {@code connector} or {@code device}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
