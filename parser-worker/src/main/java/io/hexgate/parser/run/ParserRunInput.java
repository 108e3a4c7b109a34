package io.hexgate.parser.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /parser/run} (SPEC §3.4). {@code device} is a device id or an object
 * {@code {id, name, tags, params}} used as the {@code device} global; {@code payload} is the sample body: a
 * string is sent as text, JSON as JSON.
 */
public record ParserRunInput(String network, String connector, JsonNode device, String code, JsonNode payload) {
}
