package io.hexgate.parser.runtime;

import java.util.List;

/**
 * What a run produced: the final payload as JSON (null when a stage failed), the {@code serial} a network
 * parser set, the failure, each stage's result, and the console lines as a JSON array.
 */
public record ParseOutcome(String outputJson, String serial, StageFailure failure, List<StageResult> stages,
                           String consoleJson) {

    public boolean failed() {
        return failure != null;
    }
}
