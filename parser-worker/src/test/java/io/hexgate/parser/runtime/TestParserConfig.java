package io.hexgate.parser.runtime;

import java.time.Duration;
import java.util.Map;

import io.hexgate.parser.ParserConfig;

/** The defaults of {@link ParserConfig} for tests that build the runtime without Quarkus, with a budget of choice. */
record TestParserConfig(Duration timeout, long statementLimit, int threads, Map<String, NetworkSettings> networks)
        implements ParserConfig {

    TestParserConfig(Duration timeout, long statementLimit, int threads) {
        this(timeout, statementLimit, threads, Map.of());
    }

    /** The same, with one network's own budget. */
    TestParserConfig withNetwork(String id, Duration budget) {
        NetworkSettings settings = () -> java.util.Optional.of(budget);
        return new TestParserConfig(timeout, statementLimit, threads, Map.of(id, settings));
    }

    static TestParserConfig defaults() {
        return new TestParserConfig(Duration.ofMillis(1000), 5_000_000, 1);
    }

    @Override
    public int maxPoints() {
        return 1000;
    }

    @Override
    public int maxSourceBytes() {
        return io.hexgate.common.api.ParserSourceLimit.DEFAULT_BYTES;
    }

    @Override
    public int maxOutputBytes() {
        return 204_800;
    }

    @Override
    public int batchesInFlight() {
        return 2;
    }

    @Override
    public int compiledPerContext() {
        return 64;
    }

    @Override
    public boolean inspectStoredUplinks() {
        return true;
    }

    @Override
    public Duration watchRefresh() {
        return Duration.ofMillis(200);
    }

    @Override
    public Quarantine quarantine() {
        return new Quarantine() {
            @Override
            public int timeouts() {
                return 3;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration duration() {
                return Duration.ofMinutes(5);
            }
        };
    }
}
