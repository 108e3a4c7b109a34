package io.hexgate.common.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The public Kafka topics of SPEC §5. Names are configurable so that test runs and several installations can
 * share one broker; the defaults are the contract.
 */
@ConfigMapping(prefix = "hexgate.topics")
public interface Topics {

    /** Raw uplinks as received by ingest-service, keyed by device id (network id for network-level uplinks). */
    @WithDefault("hexgate.uplink.raw")
    String uplinkRaw();

    /** Stored data points, published by parser-worker after storage, keyed by device id. */
    @WithDefault("hexgate.device.data")
    String deviceData();

    /** Parser console lines, stage results and errors, keyed by device id. */
    @WithDefault("hexgate.device.inspector")
    String deviceInspector();

    /** Records that could not be handled at all, with the reason. */
    @WithDefault("hexgate.uplink.dlq")
    String uplinkDlq();

    /** Compacted registry change events (networks, connectors, devices) keyed by entity id. */
    @WithDefault("hexgate.registry.changes")
    String registryChanges();
}
