package io.hexgate.parser.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The quarantine rule on its own: timeouts count only when the parser itself burnt the CPU. */
class QuarantineTest {

    private static final Duration BUDGET = Duration.ofMillis(1000);

    @Test
    void timeoutsSpentComputingQuarantineAtTheThreshold() {
        Quarantine quarantine = new Quarantine(TestParserConfig.defaults().quarantine());
        assertThat(quarantine.timedOut("p", BUDGET, 900_000_000L)).isFalse();
        assertThat(quarantine.timedOut("p", BUDGET, 600_000_000L)).isFalse();
        assertThat(quarantine.isQuarantined("p")).isFalse();
        assertThat(quarantine.timedOut("p", BUDGET, 300_000_000L)).isTrue();
        assertThat(quarantine.isQuarantined("p")).isTrue();
        assertThat(quarantine.isQuarantined("another")).isFalse();
    }

    @Test
    void timeoutsSpentWaitingOnASlowPlatformNeverCount() {
        Quarantine quarantine = new Quarantine(TestParserConfig.defaults().quarantine());
        for (int i = 0; i < 50; i++) {
            assertThat(quarantine.timedOut("healthy", BUDGET, 20_000_000L)).isFalse();
        }
        assertThat(quarantine.isQuarantined("healthy")).isFalse();
    }
}
