package io.hexgate.parser.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import io.hexgate.parser.runtime.ParserStage;
import io.hexgate.parser.support.Parsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * deploy/bench/parser: decodes per second of one thread for a two-stage pipeline (a TTN network parser and a
 * Buffer-based connector decoder) through the parser runtime — pooled, sandboxed, reset context, watchdog,
 * statement limit, JSON in and out — beside a bare GraalJS loop of the same two scripts in one plain context on
 * its own engine. Both do the same work per decode: parse the body, run both functions, stringify the output.
 * Two cases: every uplink of one profile (one connector parser), and uplinks of {@value #PROFILES} profiles
 * interleaved, each with a connector parser of its own and its own device (the bare loop holds all of them too).
 */
public final class ParserBenchmark {

    private static final String DEVICE = "{\"id\":\"d\",\"name\":\"bench\",\"network\":\"n\",\"connector\":\"c\",\"tags\":[],\"params\":[]}";
    private static final int PROFILES = 1000;

    public static void main(String[] args) throws Exception {
        Duration warmup = Duration.ofSeconds(Long.parseLong(arg(args, 0, "30")));
        Duration round = Duration.ofSeconds(Long.parseLong(arg(args, 1, "3")));
        int rounds = Integer.parseInt(arg(args, 2, "5"));
        if (arg(args, 3, "both").equals("ceiling")) {
            ceiling(warmup, round, rounds, java.nio.file.Files.readString(java.nio.file.Path.of(args[4])), args[5]);
            return;
        }
        String body = Parsers.ttnUplink("70B3D57ED0000001");

        String network = Parsers.TTN_NETWORK.replace("console.log", "void");
        List<String> connectors = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        // -Dbench.decoder-reads-device=true: the decoder names its device, so the runtime parses the device's JSON on
        // every run as the bare loop does (by default neither parser names it, and the runtime does not parse it).
        String reads = Boolean.getBoolean("bench.decoder-reads-device") ? "\nvoid device;" : "";
        for (int p = 0; p < PROFILES; p++) {
            connectors.add(Parsers.SENSOR_CONNECTOR.replace("console.log", "void") + reads + "\n// profile " + p);
            devices.add(DEVICE.replace("\"d\"", "\"d" + p + "\""));
        }
        ParserRuntime runtime = new ParserRuntime(new io.hexgate.parser.runtime.JsEngine(), config(), new SimpleMeterRegistry());
        System.err.println("runtime engine: " + runtime.implementationName());
        List<ParseRequest> oneProfile = new ArrayList<>();
        List<ParseRequest> manyProfiles = new ArrayList<>();
        for (int p = 0; p < PROFILES; p++) {
            oneProfile.add(request(body, network, connectors.get(0), DEVICE, 0));
            manyProfiles.add(request(body, network, connectors.get(p), devices.get(p), p));
        }
        ParseOutcome check = runtime.submit(manyProfiles.get(7)).join();
        if (check.failed() || !check.outputJson().contains("pressure")) {
            throw new IllegalStateException("the pipeline does not decode: " + check);
        }
        String which = arg(args, 3, "both");
        List<Case> cases = new ArrayList<>();
        if (!which.equals("many") && !which.equals("codec")) {
            cases.add(new Case("one profile", bareLoop(body, network, connectors.subList(0, 1), devices.subList(0, 1)),
                    pooled(runtime, oneProfile)));
        }
        if (!which.equals("one") && !which.equals("codec")) {
            cases.add(new Case(PROFILES + " profiles", bareLoop(body, network, connectors, devices),
                    pooled(runtime, manyProfiles)));
        }
        if (which.equals("codec") || which.equals("all")) {
            ParseRequest codecRequest = new ParseRequest(body, "application/json", null, DEVICE, List.of(
                    ParserScript.of(ParserStage.NETWORK, "n", network), ParserScript.of(ParserStage.CONNECTOR, "codec", CODEC)),
                    Duration.ofSeconds(1), false);
            ParseOutcome decoded = runtime.submit(codecRequest).join();
            if (decoded.failed() || !decoded.outputJson().contains("battery_level")) {
                throw new IllegalStateException("the codec does not decode: " + decoded);
            }
            cases.add(new Case("codec (TS013)", bareCodecLoop(body, network, CODEC), pooled(runtime, Collections.nCopies(PROFILES, codecRequest))));
        }
        for (Case c : cases) {
            warm(c, warmup);
        }
        // Within a round the two sides take turns every 500 decodes (~10 ms), so a noisy moment of the machine — its
        // speed swings within seconds — hits both sides alike.
        System.out.println();
        System.out.printf("parser benchmark — one thread, two stages (TTN network parser + Buffer decoder), medians of %d × %ds after %ds warm-up%n",
                rounds, round.toSeconds(), warmup.toSeconds());
        System.out.println("per second of wall-clock time, and per CPU-second of the threads that decode (the caller, the"
                + " parser worker and its watchdog; not the JIT compiler's nor the GC's threads, nor what the host steals)");
        System.out.println("ratio: of the two medians; paired: the median of each round's own ratio (the two sides of a round"
                + " ran in the same seconds)");
        System.out.printf("%-16s %14s %14s %7s %7s %16s %16s %7s %7s%n", "uplinks of", "bare /s", "runtime /s", "ratio",
                "paired", "bare /cpu-s", "runtime /cpu-s", "ratio", "steal");
        for (Case c : cases) {
            Rate[] bare = new Rate[rounds];
            Rate[] pooled = new Rate[rounds];
            long stealBefore = steal();
            long totalBefore = total();
            for (int r = 0; r < rounds; r++) {
                Rate[] pair = rates(c.name(), r, round, c.bare(), c.runtime());
                bare[r] = pair[0];
                pooled[r] = pair[1];
            }
            long ticks = total() - totalBefore;
            double stolen = ticks <= 0 ? 0 : (double) (steal() - stealBefore) / ticks;
            double bareWall = median(bare, Rate::wall);
            double runtimeWall = median(pooled, Rate::wall);
            double bareCpu = median(bare, Rate::cpu);
            double runtimeCpu = median(pooled, Rate::cpu);
            double[] perRound = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                perRound[r] = pooled[r].wall() / bare[r].wall();
            }
            Arrays.sort(perRound);
            System.out.printf("%-16s %14.0f %14.0f %7.2f %7.2f %16.0f %16.0f %7.2f %6.0f%%  (target >= 0.80)%n", c.name(),
                    bareWall, runtimeWall, runtimeWall / bareWall, perRound[rounds / 2], bareCpu, runtimeCpu,
                    runtimeCpu / bareCpu, stolen * 100);
        }
        System.exit(0);
    }

    /**
     * The JavaScript ceiling of deploy/bench/pipeline: one connector decoder (no network parser) on one body in the
     * bare loop, one thread — what this machine's GraalJS does today with nothing around it. Prints
     * {@code js-ceiling <decodes/s>}, the median of the rounds.
     */
    private static void ceiling(Duration warmup, Duration round, int rounds, String decoder, String body) throws Exception {
        Batch bare = bareLoop(body, "", List.of(decoder), List.of(DEVICE));
        warm("bare GraalJS loop, the pipeline's decoder", warmup, bare);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long done = 0;
            long started = System.nanoTime();
            while (System.nanoTime() - started < round.toNanos()) {
                bare.run(500);
                done += 500;
            }
            rates[r] = done / ((System.nanoTime() - started) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("js-ceiling %.0f%n", rates[rounds / 2]);
        System.exit(0);
    }

    /** One case of the benchmark: the bare loop and the runtime doing the same decodes. */
    private record Case(String name, Batch bare, Batch runtime) {
    }

    private static ParseRequest request(String body, String network, String connector, String device, int profile) {
        return new ParseRequest(body, "application/json", null, device, List.of(
                ParserScript.of(ParserStage.NETWORK, "n", network),
                ParserScript.of(ParserStage.CONNECTOR, "c" + profile, connector)),
                Duration.ofSeconds(1), false);
    }

    /** As the pipeline hands a batch of uplinks to the pool: one hand-over per batch, not per uplink. */
    private static Batch pooled(ParserRuntime runtime, List<ParseRequest> requests) {
        int[] next = { 0 };
        return n -> {
            List<ParseRequest> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(requests.get(next[0]++ % requests.size()));
            }
            runtime.submitAll(batch).join();
        };
    }

    /**
     * n decodes in one plain context: the scripts as functions (one connector function per profile, all compiled
     * once), JSON in and out, nothing else; the profiles taken in turn.
     */
    private static Batch bareLoop(String body, String networkCode, List<String> connectorCodes, List<String> devices) {
        Context context = bareContext();
        Value network = context.eval(Source.create("js", "(function (payload, raw_payload, device, serial) {"
                + networkCode + "\n;return [payload, serial];})"));
        Value connectors = context.eval("js", "[]");
        for (String code : connectorCodes) {
            connectors.setArrayElement(connectors.getArraySize(), context.eval(Source.create("js",
                    "(function (payload, raw_payload, device, serial) {" + code + "\n;return [payload, serial];})")));
        }
        Value deviceJsons = context.eval("js", "[]");
        devices.forEach(device -> deviceJsons.setArrayElement(deviceJsons.getArraySize(), device));
        Value loop = context.eval("js", """
                (function () {
                  let next = 0;
                  return function (network, connectors, body, devices, n) {
                    let size = 0;
                    for (let i = 0; i < n; i++) {
                      const p = next++ % connectors.length;
                      const device = JSON.parse(devices[p]);
                      let out = network([JSON.parse(body)], body, device, undefined);
                      out = connectors[p](out[0], body, device, out[1]);
                      size += JSON.stringify(out[0]).length;
                    }
                    return size;
                  };
                })()""");
        return n -> loop.execute(network, connectors, body, deviceJsons, n);
    }

    /** A plain context on its own engine with Buffer as the runtime's prelude gives it, and nothing else. */
    private static Context bareContext() {
        Engine engine = Engine.create("js");
        System.err.println("bare engine: " + engine.getImplementationName());
        Context context = Context.newBuilder("js").engine(engine).build();
        context.eval("js", "var __libs = {};");
        Value libs = context.getBindings("js").getMember("__libs");
        for (String library : List.of("base64-js", "ieee754", "buffer")) {
            libs.putMember(library, context.eval("js",
                    "(function (module, exports, require) {" + resource(library, "index.js") + "\n})"));
        }
        context.eval("js", """
                (function () {
                  const cache = {};
                  function require(name) { if (!(name in cache)) { const m = { exports: {} }; __libs[name](m, m.exports, require); cache[name] = m.exports; } return cache[name]; }
                  globalThis.Buffer = require('buffer').Buffer;
                })();""");
        return context;
    }

    /**
     * A TS013 codec (decodeUplink on a byte array, as The Things Stack's and ChirpStack's device repositories write
     * them) decoding what {@link Parsers#SENSOR_CONNECTOR} decodes, plus a nested object and an array.
     */
    static final String CODEC = """
            function decodeUplink(input) {
              var b = input.bytes;
              var temperature = ((b[0] << 24) >> 16 | b[1]) / 100;
              var counter = (b[2] | b[3] << 8 | b[4] << 16 | b[5] << 24) >>> 0;
              return { data: { temperature: temperature, counter: counter, battery: { level: b[6], ok: b[7] > 0 },
                               raw: [b[8], b[9]] }, warnings: [] };
            }
            """;

    /**
     * n decodes of the codec in one plain context, doing what the runtime does around it: the network function,
     * the codec's input from the hex payload item and the fport item, the device's parameters as variables, the
     * leaves of data appended as points, JSON in and out.
     */
    private static Batch bareCodecLoop(String body, String networkCode, String codecCode) {
        Context context = bareContext();
        Value network = context.eval(Source.create("js", "(function (payload, raw_payload, device, serial) {"
                + networkCode + "\n;return [payload, serial];})"));
        Value codec = context.eval(Source.create("js", "(function () {" + codecCode + "\n;return decodeUplink;})()"));
        Value loop = context.eval("js", """
                (function () {
                  function flatten(value, path, points, group) {
                    if (value === undefined || value === null || typeof value === 'function') return;
                    if (typeof value === 'object') {
                      const keys = Array.isArray(value) ? null : Object.keys(value);
                      const count = keys === null ? value.length : keys.length;
                      for (let i = 0; i < count; i++) {
                        const key = keys === null ? '' + i : keys[i];
                        flatten(value[key], path === '' ? key : path + '_' + key, points, group);
                      }
                      return;
                    }
                    points.push({ variable: path, value, group });
                  }
                  return function (network, decode, body, device, n) {
                    let size = 0;
                    for (let i = 0; i < n; i++) {
                      const dev = JSON.parse(device);
                      const items = network([JSON.parse(body)], body, dev, undefined)[0];
                      let hex, fPort, group;
                      for (const item of items) {
                        if (item.variable === 'payload') { hex = item.value; group = item.group; }
                        else if (item.variable === 'fport') fPort = item.value;
                      }
                      const bytes = [];
                      for (let j = 0; j < hex.length; j += 2) bytes.push(parseInt(hex.slice(j, j + 2), 16));
                      const variables = {};
                      for (const p of dev.params) variables[p.key] = p.value;
                      const result = decode({ bytes, fPort, recvTime: new Date(), variables });
                      const points = [];
                      flatten(result.data, '', points, group);
                      size += JSON.stringify(items.concat(points)).length;
                    }
                    return size;
                  };
                })()""");
        return n -> loop.execute(network, codec, body, DEVICE, n);
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

    /**
     * Warms both sides of a case in turns for {@code warmup}, then goes on until the JIT has settled: until Truffle's
     * compiler threads used under a tenth of a core over the last two seconds (at most three times {@code warmup}).
     * Both sides are measured in their steady state, as a worker runs for hours; before, the runtime (warmed second,
     * with more code to compile: the prelude and the protocol) was still being compiled in the first rounds, on the
     * same two cores (traced: Tier 2 compilations and deoptimisations of its code 5–10 s into the rounds).
     */
    private static void warm(Case c, Duration warmup) throws Exception {
        System.err.printf("%s: warm-up of both sides in turns, %ds and until the JIT has settled%n", c.name(), warmup.toSeconds());
        long started = System.nanoTime();
        long settledAfter = started + warmup.toNanos();
        long giveUp = started + 3 * warmup.toNanos();
        long windowStart = System.nanoTime();
        Map<Long, Long> compilerAtWindow = compilerCpu();
        while (true) {
            c.bare().run(500);
            c.runtime().run(500);
            long now = System.nanoTime();
            if (now - windowStart >= 2_000_000_000L) {
                double busy = compilerCpuSince(compilerAtWindow) / (double) (now - windowStart);
                if ((now >= settledAfter && busy < 0.1) || now >= giveUp) {
                    System.err.printf("%s: warm after %.0f s (compiler threads at %.2f of a core over the last 2 s)%n",
                            c.name(), (now - started) / 1e9, busy);
                    return;
                }
                windowStart = now;
                compilerAtWindow = compilerCpu();
            }
        }
    }

    /**
     * CPU time of each of Truffle's compiler threads (they compile both sides' JavaScript) by thread id: idle ones
     * end and new ones start, so a window counts only the threads alive at both of its ends.
     */
    private static Map<Long, Long> compilerCpu() {
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("TruffleCompilerThread")) {
                long time = THREADS.getThreadCpuTime(info.getThreadId());
                if (time >= 0) {
                    cpu.put(info.getThreadId(), time);
                }
            }
        }
        return cpu;
    }

    /** Compiler CPU time spent between two {@link #compilerCpu} snapshots, by the threads in both. */
    private static long compilerCpuSince(Map<Long, Long> before) {
        long spent = 0;
        for (Map.Entry<Long, Long> now : compilerCpu().entrySet()) {
            Long then = before.get(now.getKey());
            if (then != null) {
                spent += now.getValue() - then;
            }
        }
        return spent;
    }

    /** Decodes per second of wall-clock time and per second of the process's CPU time, in one round. */
    private record Rate(double wall, double cpu) {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long[] decoding;

    /**
     * CPU time of the threads that decode: this one (the bare loop, and the caller of the runtime) and parser-*
     * (found once, after the warm-up has started them).
     */
    private static long decodingCpu() {
        if (decoding == null) {
            decoding = Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds()))
                    .filter(info -> info != null && (info.getThreadId() == Thread.currentThread().threadId()
                            || info.getThreadName().startsWith("parser-")))
                    .mapToLong(java.lang.management.ThreadInfo::getThreadId).toArray();
        }
        long sum = 0;
        for (long id : decoding) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }

    /** One round: the bare loop and the runtime in turns of 500 decodes, each side for about {@code round}. */
    private static Rate[] rates(String name, int index, Duration round, Batch bare, Batch runtime) throws Exception {
        Batch[] sides = { bare, runtime };
        long[] wall = new long[2];
        long[] cpu = new long[2];
        long done = 0;
        long started = System.nanoTime();
        while (System.nanoTime() - started < 2 * round.toNanos()) {
            for (int side = 0; side < 2; side++) {
                long cpuBefore = decodingCpu();
                long before = System.nanoTime();
                sides[side].run(500);
                wall[side] += System.nanoTime() - before;
                cpu[side] += decodingCpu() - cpuBefore;
            }
            done += 500;
        }
        Rate[] rates = new Rate[2];
        for (int side = 0; side < 2; side++) {
            rates[side] = new Rate(done / (wall[side] / 1e9), done / (cpu[side] / 1e9));
        }
        System.err.printf("%s: round %d, bare %.0f decodes/s (%.0f per CPU-second), runtime %.0f (%.0f)%n", name, index + 1,
                rates[0].wall(), rates[0].cpu(), rates[1].wall(), rates[1].cpu());
        return rates;
    }

    private static double median(Rate[] rates, java.util.function.ToDoubleFunction<Rate> figure) {
        double[] sorted = Arrays.stream(rates).mapToDouble(figure).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** The host's steal and total ticks of all CPUs, from /proc/stat (0 where there is none). */
    private static long steal() {
        long[] cpu = procStat();
        return cpu.length > 7 ? cpu[7] : 0;
    }

    private static long total() {
        return Arrays.stream(procStat()).sum();
    }

    private static long[] procStat() {
        try {
            String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0);
            return Arrays.stream(line.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
        } catch (java.io.IOException | RuntimeException e) {
            return new long[0];
        }
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
            public int maxSourceBytes() { return 262_144; }
            public int batchesInFlight() { return 4; }
            public int compiledPerContext() { return 2048; }
            public boolean inspectStoredUplinks() { return true; }
            public Duration watchRefresh() { return Duration.ofMillis(200); }
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
