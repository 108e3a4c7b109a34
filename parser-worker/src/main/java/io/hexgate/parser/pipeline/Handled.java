package io.hexgate.parser.pipeline;

import java.util.List;

import io.hexgate.common.contract.InspectorEvent;
import io.hexgate.common.contract.RawUplink;
import io.hexgate.parser.data.DataPoint;
import io.hexgate.parser.registry.DeviceInfo;

/**
 * What became of one uplink record: its points to store (for {@code device}), or the reason it goes to the
 * dead-letter topic; and the inspector events either way.
 */
record Handled(RawUplink uplink, DeviceInfo device, List<DataPoint> points, String deadLetterReason,
               List<InspectorEvent> events, Outcome outcome) {

    enum Outcome { STORED, PARSE_ERROR, DEAD_LETTER, DUPLICATE }

    static Handled deadLetter(RawUplink uplink, String reason, List<InspectorEvent> events) {
        return new Handled(uplink, null, List.of(), reason, events, Outcome.DEAD_LETTER);
    }
}
