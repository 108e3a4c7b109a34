package io.hexgate.parser.registry;

import io.hexgate.common.serial.SerialMask;
import io.hexgate.parser.runtime.ParserScript;

/** A network's parser and the mask that normalises the serials its parser sets. */
public record NetworkInfo(String id, String profile, long version, ParserScript parser, SerialMask mask) {
}
