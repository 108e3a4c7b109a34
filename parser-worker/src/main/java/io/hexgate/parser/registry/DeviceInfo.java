package io.hexgate.parser.registry;

import io.hexgate.parser.runtime.ParserScript;

/**
 * What the pipeline needs of a device: who owns it, its network and connector, whether the connector's
 * parser runs, its own parser, and the {@code device} global parsers see (as JSON).
 */
public record DeviceInfo(String id, String profile, String network, String connector, boolean connectorParse,
                         boolean active, long version, ParserScript parser, String globalJson) {
}
