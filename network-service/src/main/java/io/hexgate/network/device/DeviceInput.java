package io.hexgate.network.device;

import java.util.List;

/**
 * A device as received by create and edit. {@code payload_decoder} is base64 like the other parsers;
 * {@code parse_function} is the same parser as plain source. On edit, absent (null) fields are kept.
 */
public record DeviceInput(String name, String network, String connector, String serieNumber, Boolean connectorParse,
                          String payloadDecoder, String parseFunction, Boolean active, List<Device.Tag> tags,
                          List<ParamInput> params) {

    /** A param as received: {@code id} edits an existing one, else {@code key} adds or replaces. */
    public record ParamInput(String id, String key, Object value, Boolean sent) {
    }
}
