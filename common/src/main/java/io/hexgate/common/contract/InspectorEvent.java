package io.hexgate.common.contract;

import java.time.Instant;

/**
 * The value of a {@code hexgate.device.inspector} record (SPEC §5), written by parser-worker: a console line, a
 * stage's failure, what was stored, or why an uplink could not be handled. {@code device} is null for events of a
 * network-level uplink whose device is unknown; {@code network} says where to look then. {@code payload} is the
 * stage's output when there is one (any JSON value).
 */
public record InspectorEvent(String time, String device, String network, String uplinkId, String stage, String level,
                             String message, Object payload) {

    /** An event of now. */
    public static InspectorEvent of(String device, String network, String uplinkId, String stage, String level, String message,
                                    Object payload) {
        return new InspectorEvent(Instant.now().toString(), device, network, uplinkId, stage, level, message, payload);
    }

    /** The record's value as the topic carries it. */
    public String toJson() {
        return ContractJson.write(this);
    }
}
