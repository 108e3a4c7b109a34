package io.hexgate.common.contract;

import io.smallrye.config.ConfigMapping;

/**
 * The topics of SPEC §5 (docs/kafka-contract.md), {@code hexgate.topics.*}: configurable so that test runs and
 * several installations can share one broker; the defaults (common's microprofile-config.properties) are the
 * contract's names.
 */
@ConfigMapping(prefix = "hexgate.topics")
public interface Topics {

    /** Uplinks as received, written by ingest-service, read by parser-worker. */
    TopicName uplinkRaw();

    /** Stored points of each uplink, written by parser-worker. */
    TopicName deviceData();

    /** Console lines, stage results and errors of each uplink, written by parser-worker. */
    TopicName deviceInspector();

    /** Uplinks parser-worker could not handle at all, with the reason. */
    TopicName uplinkDlq();

    /** Registry changes (compacted), written by network-service through its outbox. */
    TopicName registryChanges();

    /** Registry changes token-service could never apply. */
    TopicName registryDlq();

    /** Inspector records ingest-service could not read into a history, as they came. */
    TopicName inspectorDlq();
}
