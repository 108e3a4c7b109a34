package io.hexgate.ingest.inspector;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The inspector's history and live stream (docs/inspector.md). */
@ConfigMapping(prefix = "hexgate.inspector")
public interface InspectorConfig {

    /** Entries kept per device (and per network and profile); the oldest go first. */
    @WithDefault("500")
    int historyEntries();

    /** How long an entry is kept: older ones are not answered, and a history nobody adds to is gone after it. */
    @WithDefault("24h")
    Duration historyAge();

    /** How long a live listener's device stays watched (traced in full) after the listener last renewed it. */
    @WithDefault("60s")
    Duration watchFor();

    /** The longest timed window a user can switch on ({@code PUT /device/{id}/inspector/window}). */
    @WithDefault("60m")
    Duration maxWindow();

    /** How often a live listener's history is read for new entries. */
    @WithDefault("200ms")
    Duration poll();

    /** How often a live stream with nothing to say sends a comment, so that proxies keep it open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** Channels one {@code /events} request may name. */
    @WithDefault("20")
    int maxChannels();

    /** Live streams one profile may hold open at a time, on this replica. */
    @WithDefault("20")
    int streamsPerProfile();
}
