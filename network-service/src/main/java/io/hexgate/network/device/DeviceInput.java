package io.hexgate.network.device;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.ParserSourceLimit;
import io.hexgate.network.parser.ParserCode;

/**
 * A device as received by create and edit. {@code payload_decoder} is base64 like the other parsers;
 * {@code parse_function} is the same parser as plain source. On edit, absent (null) fields are kept.
 */
public record DeviceInput(@Schema(maxLength = 255) String name, @Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String network,
                          @Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String connector, @Schema(maxLength = 100) String serieNumber,
                          Boolean connectorParse, @Schema(maxLength = ParserCode.MAX_BASE64, format = "byte", description = "base64 of the JavaScript source, at most 256 KiB (hexgate.parser.max-source-bytes)") String payloadDecoder,
                          @Schema(maxLength = ParserSourceLimit.DEFAULT_BYTES, description = "the JavaScript source, at most 256 KiB as UTF-8 (hexgate.parser.max-source-bytes)") String parseFunction,
                          Boolean active, List<Device.Tag> tags, @Schema(maxItems = Device.MAX_PARAMS) List<ParamInput> params) {

    /** A param as received: {@code id} edits an existing one, else {@code key} adds or replaces. */
    public record ParamInput(@Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String id, @Schema(maxLength = 100) String key,
                             @Schema(description = "a string (at most 1,000 characters), number or boolean") Object value,
                             Boolean sent) {
    }
}
