package io.hexgate.parser.runtime;

import java.util.List;

/**
 * What a network-level uplink's run does after its network stage, on the worker thread: given the serial the stage
 * set, the device's stages to run on in the same run — the payload stays in the context, no second run, no JSON
 * round trip — or null to end the run there (the caller then finds the device and runs its stages in a run of their
 * own). It must not block: it answers from what is already in memory (the registry cache), else null.
 */
@FunctionalInterface
public interface Continuation {

    Next after(String serial);

    /** The device's stages, its {@code device} global as JSON, and the device they run for (given back in the outcome). */
    record Next(String deviceJson, List<ParserScript> stages, Object device) {
    }
}
