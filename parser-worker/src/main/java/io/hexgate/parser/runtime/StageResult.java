package io.hexgate.parser.runtime;

/**
 * What one stage did: its duration, its error (null when it ran), and — when the run records stages, as
 * {@code POST /parser/run} does — the payload it left, as JSON.
 */
public record StageResult(ParserStage stage, String ownerId, long durationMicros, String error, String outputJson) {
}
