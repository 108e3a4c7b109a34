package io.hexgate.parser.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import io.hexgate.parser.ParserConfig;
import io.hexgate.parser.runtime.ParseOutcome;
import io.hexgate.parser.runtime.ParseRequest;
import io.hexgate.parser.runtime.ParserRuntime;
import io.hexgate.parser.runtime.ParserScript;
import io.hexgate.parser.support.Parsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * deploy/bench/parser: decodes per second of one thread for a two-stage pipeline (a TTN network parser and a
 * Buffer-based connector decoder) through the parser runtime — pooled, sandboxed, reset context, watchdog,
 * statement limit, JSON in and out — beside a bare GraalJS loop of the same two scripts in one plain context on
 * its own engine. Both do the same work per decode: parse the body, run both functions, stringify the output.
 */
public final class ParserBenchmark {

    private static final String DEVICE = "{\"id\":\"d\",\"name\":\"bench\",\"network\":\"n\",\"connector\":\"c\",\"tags\":[],\"params\":[]}";

    public static void main(String[] args) throws Exception {
        Duration warmup = Duration.ofSeconds(Long.parseLong(arg(args, 0, "30")));
        Duration round = Duration.ofSeconds(Long.parseLong(arg(args, 1, "3")));
        int rounds = Integer.parseInt(arg(args, 2, "5"));
        String body = Parsers.ttnUplink("70B3D57ED0000001");

        Batch bareLoop = bareLoop(body);
        ParserRuntime runtime = new ParserRuntime(new io.hexgate.parser.runtime.JsEngine(), config(), new SimpleMeterRegistry());
        System.err.println("runtime engine: " + runtime.implementationName());
        ParseRequest request = new ParseRequest(body, "application/json", null, DEVICE, List.of(
                ParserScript.of(ParserScript.NETWORK, "n", Parsers.TTN_NETWORK.replace("console.log", "void")),
                ParserScript.of(ParserScript.CONNECTOR, "c", Parsers.SENSOR_CONNECTOR.replace("console.log", "void"))),
                Duration.ofSeconds(1), false);
        ParseOutcome check = runtime.submit(request).join();
        if (check.failed() || !check.outputJson().contains("pressure")) {
            throw new IllegalStateException("the pipeline does not decode: " + check);
        }
        // As the pipeline hands a batch of uplinks to the pool: one hand-over per batch, not per uplink.
        Batch pooledRuns = n -> runtime.submitAll(java.util.Collections.nCopies(n, request)).join();
        warm("bare GraalJS loop", warmup, bareLoop);
        warm("hexgate runtime", warmup, pooledRuns);
        // Rounds alternate, so a noisy moment of the machine hits both sides alike.
        double[] bare = new double[rounds];
        double[] pooled = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            bare[r] = rate("bare GraalJS loop", r, round, bareLoop);
            pooled[r] = rate("hexgate runtime", r, round, pooledRuns);
        }
        double bareMedian = median(bare);
        double pooledMedian = median(pooled);
        System.out.println();
        System.out.printf("parser benchmark — one thread, two stages (TTN network parser + Buffer decoder), medians of %d × %ds after %ds warm-up%n",
                rounds, round.toSeconds(), warmup.toSeconds());
        System.out.printf("%-22s %14s%n", "", "decodes/s");
        System.out.printf("%-22s %14.0f%n", "bare GraalJS loop", bareMedian);
        System.out.printf("%-22s %14.0f%n", "hexgate runtime", pooledMedian);
        System.out.printf("%nruntime / bare = %.2f  (target >= 0.80)%n", pooledMedian / bareMedian);
        runtime.implementationName();
        System.exit(0);
    }

    /** n decodes in one plain context: the scripts as functions, JSON in and out, nothing else. */
    private static Batch bareLoop(String body) {
        Engine engine = Engine.create("js");
        System.err.println("bare engine: " + engine.getImplementationName());
        Context context = Context.newBuilder("js").engine(engine).build();
        String buffer = resource("buffer", "index.js");
        context.eval("js", "var __libs = {};");
        context.getBindings("js").getMember("__libs").putMember("base64-js", context.eval("js", "(function (module, exports, require) {" + resource("base64-js", "index.js") + "\n})"));
        context.getBindings("js").getMember("__libs").putMember("ieee754", context.eval("js", "(function (module, exports, require) {" + resource("ieee754", "index.js") + "\n})"));
        context.getBindings("js").getMember("__libs").putMember("buffer", context.eval("js", "(function (module, exports, require) {" + buffer + "\n})"));
        context.eval("js", """
                (function () {
                  const cache = {};
                  function require(name) { if (!(name in cache)) { const m = { exports: {} }; __libs[name](m, m.exports, require); cache[name] = m.exports; } return cache[name]; }
                  globalThis.Buffer = require('buffer').Buffer;
                })();""");
        Value network = context.eval(Source.create("js", "(function (payload, raw_payload, device, serial) {"
                + Parsers.TTN_NETWORK.replace("console.log", "void") + "\n;return [payload, serial];})"));
        Value connector = context.eval(Source.create("js", "(function (payload, raw_payload, device, serial) {"
                + Parsers.SENSOR_CONNECTOR.replace("console.log", "void") + "\n;return [payload, serial];})"));
        Value loop = context.eval("js", """
                (function (network, connector, body, deviceJson, n) {
                  let size = 0;
                  for (let i = 0; i < n; i++) {
                    const device = JSON.parse(deviceJson);
                    let out = network([JSON.parse(body)], body, device, undefined);
                    out = connector(out[0], body, device, out[1]);
                    size += JSON.stringify(out[0]).length;
                  }
                  return size;
                })""");
        return n -> loop.execute(network, connector, body, DEVICE, n);
    }

    private interface Batch {
        void run(int n) throws Exception;
    }

    private static void warm(String name, Duration warmup, Batch batch) throws Exception {
        System.err.printf("%s: warm-up %ds%n", name, warmup.toSeconds());
        long until = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < until) {
            batch.run(500);
        }
    }

    private static double rate(String name, int index, Duration round, Batch batch) throws Exception {
        long started = System.nanoTime();
        long done = 0;
        while (System.nanoTime() - started < round.toNanos()) {
            batch.run(500);
            done += 500;
        }
        double rate = done / ((System.nanoTime() - started) / 1e9);
        System.err.printf("%s: round %d %.0f decodes/s%n", name, index + 1, rate);
        return rate;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String resource(String artifact, String path) {
        try {
            java.util.Properties pom = new java.util.Properties();
            pom.load(ParserBenchmark.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties"));
            return new String(ParserBenchmark.class.getClassLoader().getResourceAsStream("META-INF/resources/webjars/"
                    + artifact + "/" + pom.getProperty("version") + "/" + path).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }

    private static ParserConfig config() {
        return new ParserConfig() {
            public int threads() { return 1; }
            public Duration timeout() { return Duration.ofSeconds(1); }
            public long statementLimit() { return Long.getLong("bench.statement-limit", 50_000_000); }
            public int maxPoints() { return 1000; }
            public int maxOutputBytes() { return 204_800; }
            public int batchesInFlight() { return 2; }
            public int compiledPerContext() { return 64; }
            public boolean inspectStoredUplinks() { return true; }
            public Quarantine quarantine() {
                return new Quarantine() {
                    public int timeouts() { return 10; }
                    public Duration window() { return Duration.ofMinutes(1); }
                    public Duration duration() { return Duration.ofMinutes(5); }
                };
            }
            public Map<String, NetworkSettings> networks() { return Map.of(); }
        };
    }
}
