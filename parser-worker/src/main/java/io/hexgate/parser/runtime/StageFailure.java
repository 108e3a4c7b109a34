package io.hexgate.parser.runtime;

/**
 * The stage that failed (null when the runtime itself failed around the stages, reading their output), whose parser
 * it was, how, and the message a user reads.
 */
public record StageFailure(ParserStage stage, String ownerId, FailureKind kind, String message) {

    /** The stage's label, or {@code runtime}. */
    public String where() {
        return stage == null ? "runtime" : stage.label();
    }
}
