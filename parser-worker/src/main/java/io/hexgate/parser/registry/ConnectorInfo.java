package io.hexgate.parser.registry;

import io.hexgate.parser.runtime.ParserScript;

/** A connector's parser. */
public record ConnectorInfo(String id, long version, ParserScript parser) {
}
