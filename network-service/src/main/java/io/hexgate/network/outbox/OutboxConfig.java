package io.hexgate.network.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox is relayed to Kafka. */
@ConfigMapping(prefix = "hexgate.outbox")
public interface OutboxConfig {

    /** How often the relay looks for unpublished changes when the previous look found none. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** The most changes published per transaction. */
    @WithDefault("200")
    int batchSize();
}
