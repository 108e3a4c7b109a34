package io.hexgate.network.connector;

import io.smallrye.mutiny.Uni;

/**
 * The devices made from a connector, as the connector's rules need them. Implemented where devices are: the device
 * package depends on this one, never the reverse.
 */
public interface ConnectorDevices {

    /** How many devices use the connector. */
    Uni<Long> countMadeFrom(String connector);
}
