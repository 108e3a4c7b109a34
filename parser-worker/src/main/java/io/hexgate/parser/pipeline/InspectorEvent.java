package io.hexgate.parser.pipeline;

import java.time.Instant;

/**
 * A line of the device inspector ({@code hexgate.device.inspector}, SPEC §5): a console line, a stage's
 * failure, what was stored, or why an uplink could not be handled. {@code device} is null for events of a
 * network-level uplink whose device is unknown; {@code network} says where to look then.
 */
public record InspectorEvent(String time, String device, String network, String uplinkId, String stage, String level,
                             String message, Object payload) {

    static InspectorEvent of(String device, String network, String uplinkId, String stage, String level, String message,
                             Object payload) {
        return new InspectorEvent(Instant.now().toString(), device, network, uplinkId, stage, level, message, payload);
    }
}
