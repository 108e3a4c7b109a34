package io.hexgate.parser.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs parsers as a device's chain in the runtime tests: the first as its connector's, the others as its own. */
final class Chains {

    private Chains() {
    }

    static ParseOutcome run(ParserRuntime runtime, String device, Duration budget, String body, String... codes) {
        List<ParserScript> stages = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            stages.add(ParserScript.of(i == 0 ? ParserStage.CONNECTOR : ParserStage.DEVICE, "owner" + i, codes[i]));
        }
        return submit(runtime, new ParseRequest(body, "application/json", null, device, stages, budget, false));
    }

    /** Runs one request and waits for its outcome. */
    static ParseOutcome submit(ParserRuntime runtime, ParseRequest request) {
        try {
            return runtime.submit(request).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
