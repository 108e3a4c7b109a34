package io.hexgate.parser.runtime;

import java.util.List;

/**
 * What a run produced: the final payload as JSON (null when a stage failed), the {@code serial} a network
 * parser set, the failure, each stage's result, the console lines as a JSON array, and — when the run went on
 * after its network stage ({@link Continuation}) — the device it went on for; else null.
 */
public record ParseOutcome(String outputJson, String serial, StageFailure failure, List<StageResult> stages,
                           String consoleJson, Object continuedFor) {

    public ParseOutcome(String outputJson, String serial, StageFailure failure, List<StageResult> stages,
                        String consoleJson) {
        this(outputJson, serial, failure, stages, consoleJson, null);
    }

    public boolean failed() {
        return failure != null;
    }
}
