package io.hexgate.network.network;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * The devices made on a network, as the network's rules need them. Implemented where devices are: the device
 * package depends on this one, never the reverse.
 */
public interface NetworkDevices {

    /** The serial numbers of the network's devices that have one. */
    Uni<List<String>> serialNumbers(String network);

    /** How many devices the network has. */
    Uni<Long> countOn(String network);

    /**
     * Deletes every device of the network in the caller's transaction, each with its change event (which makes
     * token-service drop their tokens); the ids of the deleted devices.
     */
    Uni<List<String>> deleteAll(String network);

    /** Revokes the devices' tokens at token-service at once, after the deletion is committed. */
    Uni<Void> revokeTokens(List<String> devices);
}
