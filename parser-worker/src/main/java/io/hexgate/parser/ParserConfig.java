package io.hexgate.parser;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** parser-worker settings. */
@ConfigMapping(prefix = "hexgate.parser")
public interface ParserConfig {

    /** Threads that run JavaScript (each owns one pooled context); 0 means one per CPU core. */
    @WithDefault("0")
    int threads();

    /** Wall-clock budget of one parser stage (SPEC §4: 1,000 ms as in TagoIO). */
    @WithDefault("1000ms")
    Duration timeout();

    /** Statements one stage may run before it is stopped: the second fence behind the wall-clock budget (0: none). */
    @WithDefault("50000000")
    long statementLimit();

    /** Data points one uplink's output may hold. */
    @WithDefault("1000")
    int maxPoints();

    /** Size of one uplink's output as JSON, in bytes. */
    @WithDefault("204800")
    int maxOutputBytes();

    /**
     * The largest parser source {@code /parser/run} takes, in bytes of UTF-8: the limit network-service applies to
     * stored parsers (the same setting; 1 kB to 512 kB, {@link io.hexgate.common.api.ParserSourceLimit}).
     */
    @WithDefault("262144")
    int maxSourceBytes();

    /**
     * Batches of {@code hexgate.uplink.raw} in flight per replica, each its own consumer of the group (so useful up
     * to the topic's partitions): one is parsed while others wait for PostgreSQL and Kafka. Read by the
     * {@code uplink-raw} channel's {@code concurrency}.
     */
    @WithDefault("4")
    int batchesInFlight();

    /**
     * Compiled parsers kept per context (least recently used ones are dropped). Above the parsers a worker sees
     * in turn: with 1,000 profiles' parsers interleaved, 512 recompiled on every run (docs/benchmarks.md).
     */
    @WithDefault("2048")
    int compiledPerContext();

    /**
     * Whether every stored uplink also gets its summary line on the inspector (failures always do; a watched
     * device's uplinks are traced in full either way).
     */
    @WithDefault("true")
    boolean inspectStoredUplinks();

    /** How often the set of watched devices is read from Redis (inspect/InspectorWatch). */
    @WithDefault("200ms")
    Duration watchRefresh();

    /** Quarantine of parsers that keep timing out. */
    Quarantine quarantine();

    /** Per-network settings, by network id. */
    Map<String, NetworkSettings> networks();

    /** When a parser is quarantined, and for how long. */
    interface Quarantine {
        /** Timeouts of one parser, each with at least a quarter of its budget spent on CPU, that quarantine it... */
        @WithDefault("10")
        int timeouts();

        /** ...within this window. */
        @WithDefault("1m")
        Duration window();

        /** How long its uplinks are stored as parse_error without running it. */
        @WithDefault("5m")
        Duration duration();
    }

    /** A network's own parser budget. */
    interface NetworkSettings {
        /** The stage budget for this network's devices, between 50 ms and 5 s (checked at start by ParserRuntime). */
        Optional<Duration> timeout();
    }
}
