package io.hexgate.parser.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A parser shared by many profiles (a built-in network's, a public connector's) is quarantined per profile: one
 * profile whose uplinks keep it spinning past its budget sets it aside for itself, never for the others.
 */
class QuarantinePerProfileTest {

    private static final String DEVICE = """
            {"id":"d00000000000000000000001","name":"Sensor","network":"n00000000000000000000001",
             "connector":"c00000000000000000000001","tags":[],"params":[]}""";
    /** Spins on the uplink that asks it to, like a decoder that loops on a crafted frame. */
    private static final ParserScript SHARED = ParserScript.of(ParserStage.NETWORK, "b17000000000000000000001",
            "if (payload[0].spin) { for (;;) { Math.sqrt(Math.random()); } } payload = [{variable: 'ok', value: 1}];");

    @RegisterExtension
    static final TestRuntime RUNTIME = new TestRuntime();

    private static ParseOutcome run(String profile, boolean spin) {
        return Chains.submit(RUNTIME.get(), new ParseRequest("{\"spin\":" + spin + "}", "application/json", null, DEVICE,
                List.of(SHARED), Duration.ofMillis(200), false, null, profile));
    }

    @Test
    void oneProfilesSpinningUplinksQuarantineTheSharedParserForThatProfileOnly() {
        // 3 stops within a minute quarantine (TestParserConfig); a run the busy machine starved of CPU does not
        // count, so a few more runs are allowed before it must have happened (as ParserRuntimeTest's quarantine)
        ParseOutcome mallorys = null;
        for (int run = 0; run < 10; run++) {
            mallorys = run("mallory", true);
            if (mallorys.failure().kind() == FailureKind.QUARANTINED) {
                break;
            }
            assertThat(mallorys.failure().kind()).isIn(FailureKind.TIMEOUT, FailureKind.RESOURCE_LIMIT);
        }
        assertThat(mallorys.failure().kind()).isEqualTo(FailureKind.QUARANTINED);
        assertThat(run("mallory", false).failure().kind()).as("mallory's next uplink").isEqualTo(FailureKind.QUARANTINED);
        ParseOutcome alices = run("alice", false);
        assertThat(alices.failure()).as("alice's uplink still runs the shared parser").isNull();
        assertThat(alices.outputJson()).contains("\"ok\"");
    }
}
