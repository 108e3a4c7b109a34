package io.hexgate.parser.runtime;

/** The stage that failed, whose parser it was, how, and the message a user reads. */
public record StageFailure(String stage, String ownerId, FailureKind kind, String message) {
}
