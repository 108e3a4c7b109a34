package io.hexgate.parser.run;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.ParserSourceLimit;

/**
 * The body of {@code POST /parser/run} (SPEC §3.4). {@code device} is a device id or an object
 * {@code {id, name, tags, params}} used as the {@code device} global; {@code payload} is the sample body: a
 * string is sent as text, JSON as JSON.
 */
public record ParserRunInput(@Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String network, @Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String connector,
                             @Schema(type = SchemaType.OBJECT, description = "the device global: {id, name, tags, params}") JsonNode device,
                             @Schema(maxLength = ParserSourceLimit.DEFAULT_BYTES, description = "the JavaScript source, at most 256 KiB as UTF-8 (hexgate.parser.max-source-bytes)") String code,
                             @Schema(description = "the payload: a string (the body as text) or JSON") JsonNode payload) {
}
