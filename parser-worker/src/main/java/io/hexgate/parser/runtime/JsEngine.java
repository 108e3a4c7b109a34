package io.hexgate.parser.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The one GraalJS {@link Engine} of the process (owned by {@link ParserRuntime}): every parser context is built on it, so a parser's source
 * is parsed once and its compiled code is shared by all contexts (SPEC §4). Holds the prelude (Buffer,
 * dayjs, timeUtils, console, the run protocol) and the parsers' {@link Source}s by content.
 */
public class JsEngine implements AutoCloseable {

    /** The CommonJS modules of the prelude: require name → path below the WebJar of the npm package. */
    private static final Map<String, String[]> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("base64-js", new String[] { "base64-js", "index.js" });
        LIBRARIES.put("ieee754", new String[] { "ieee754", "index.js" });
        LIBRARIES.put("buffer", new String[] { "buffer", "index.js" });
        LIBRARIES.put("dayjs", new String[] { "dayjs", "dayjs.min.js" });
        LIBRARIES.put("dayjs/plugin/utc", new String[] { "dayjs", "plugin/utc.js" });
        LIBRARIES.put("dayjs/plugin/timezone", new String[] { "dayjs", "plugin/timezone.js" });
    }

    private static final Pattern EXOTIC_SYNTAX = Pattern.compile(
            "(?<![A-Za-z0-9_$])(?:get|set|eval)(?![A-Za-z0-9_$])|\\\\u");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final Source prelude;
    private final Map<String, Source> libraries = new LinkedHashMap<>();
    private final Cache<String, Wrapped> parsers = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, Boolean> checked = Caffeine.newBuilder().maximumSize(10_000).build();
    /** A device's JSON → its parameters as a codec's variables, as JSON; weighed in characters of both. */
    private final Cache<String, String> variables = Caffeine.newBuilder().maximumWeight(8_000_000)
            .weigher((String device, String json) -> device.length() + json.length()).build();

    public JsEngine() {
        engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
        prelude = Source.newBuilder("js", resource("io/hexgate/parser/runtime/prelude.js"), "hexgate:prelude.js")
                .buildLiteral();
        LIBRARIES.forEach((name, location) -> libraries.put(name, Source.newBuilder("js",
                "(function (module, exports, require) {" + webJar(location[0], location[1]) + "\n})",
                "hexgate:" + name + ".js").buildLiteral()));
    }

    /** "GraalVM CE" when the optimizing runtime is on; "Interpreted" when the JVM lacks the Graal compiler. */
    public String implementationName() {
        return engine.getImplementationName();
    }

    String version() {
        return engine.getVersion();
    }

    Source prelude() {
        return prelude;
    }

    Map<String, Source> libraries() {
        return libraries;
    }

    /**
     * The parser's body wrapped as a function of the run's globals, one {@link Source} per distinct body; it
     * evaluates to a factory that the prelude gives the intrinsic {@code eval} (the realm's global {@code eval} is
     * a wrapper), so that the parser's own {@code eval(…)} stays a direct eval. The function outlives its run (it is
     * compiled once per context and serves every profile whose devices use this parser), so nothing around the body
     * may hold a run's data: the factory takes no named parameter and binds {@code eval} as a constant (a sloppy
     * {@code eval = …} throws instead of keeping a value for the next run), and the prelude freezes the function and
     * its {@code prototype} ({@code arguments.callee.x = …} keeps nothing).
     */
    Wrapped parserSource(ParserScript script) {
        return parsers.get(script.key(), key -> {
            int flags = entryFlags(flags(script.source()), script.entry())
                    | (script.stage() == ParserStage.NETWORK ? CANONICAL : 0);
            Source source = Source.newBuilder("js",
                    "(function () { const eval = arguments[0]; return function (payload, raw_payload, device, serial) {"
                            + script.source() + "\n;return [payload, serial" + ((flags & CODEC) != 0
                                    ? ", typeof decodeUplink === 'function' ? decodeUplink : undefined"
                                            + ", typeof Decode === 'function' ? Decode : undefined"
                                            + ", typeof Decoder === 'function' ? Decoder : undefined"
                                    : "") + "];}; })",
                    "parser:" + script.stage().label() + ":" + script.ownerId()).buildLiteral();
            return new Wrapped(source, flags);
        });
    }

    /** A parser's source wrapped as the prelude binds it, and its {@linkplain #flags flags}: both once per source. */
    record Wrapped(Source source, int flags) {
    }

    /**
     * Whether the source may make an accessor without calling a function the prelude watches: {@code get} or
     * {@code set} as a word (accessor syntax), {@code eval} (a direct eval of code made at run time), or a Unicode
     * escape (which could spell either). Matched on ASCII word boundaries anywhere — in comments and strings too —
     * so it errs only towards the slower, descriptor-reading output check.
     */
    static boolean exoticSource(String source) {
        return EXOTIC_SYNTAX.matcher(source).find();
    }

    private static final Pattern NAMES_DEVICE = Pattern.compile(
            "(?<![A-Za-z0-9_$])(?:device|arguments)(?![A-Za-z0-9_$])");
    private static final Pattern NAMES_ENTRY_POINT = Pattern.compile(
            "(?<![A-Za-z0-9_$])(?:decodeUplink|Decode|Decoder)(?![A-Za-z0-9_$])");

    /** The prelude's flags (see {@link #flags}). */
    static final int EXOTIC = 1;
    static final int NAMES_DEVICE_FLAG = 2;
    static final int CODEC = 4;
    /** A network stage: its output is checked as the canonical uplink (docs/networks/README.md) before the next stage. */
    static final int CANONICAL = 8;
    /** A declared entry (docs/codecs.md): never a codec, or the codec entry point to call. */
    static final int ENTRY_TAGOIO = 16;
    static final int ENTRY_DECODE_UPLINK = 32;
    static final int ENTRY_DECODE = 64;
    static final int ENTRY_DECODER = 128;
    /** The declarable entries (a connector's {@code decoder_entry}) and their flags; {@code auto} adds none. */
    static final Map<String, Integer> ENTRIES = Map.of(ParserScript.AUTO, 0, "tagoio", ENTRY_TAGOIO,
            "decodeUplink", ENTRY_DECODE_UPLINK, "Decode", ENTRY_DECODE, "Decoder", ENTRY_DECODER);

    /**
     * The flags with a declared entry applied: {@code tagoio} is never a codec (its function returns no entry points);
     * a declared codec entry always is, and the prelude calls that one entry point or fails naming it.
     */
    static int entryFlags(int flags, String entry) {
        int declared = ENTRIES.getOrDefault(entry, 0);
        if (declared == ENTRY_TAGOIO) {
            return (flags & ~CODEC) | ENTRY_TAGOIO;
        }
        return declared == 0 ? flags : flags | CODEC | declared;
    }

    /**
     * The prelude's flags for a parser's source: {@link #EXOTIC} when it is {@linkplain #exoticSource exotic};
     * {@link #NAMES_DEVICE_FLAG} when it may read its {@code device} argument — it names {@code device} or
     * {@code arguments}, or is exotic (a direct eval or a Unicode escape could name either). Most parsers never read
     * the device, and its JSON is then not parsed (a codec's {@code variables} come from {@link #variablesJson}).
     * {@link #CODEC} when it may define a codec's entry point — it names {@code decodeUplink},
     * {@code Decode} or {@code Decoder}, or is exotic: its function then also returns those it defines
     * (docs/codecs.md).
     */
    static int flags(String source) {
        boolean exotic = exoticSource(source);
        boolean codec = exotic || NAMES_ENTRY_POINT.matcher(source).find();
        return (exotic ? EXOTIC : 0) | (codec ? CODEC : 0)
                | (exotic || NAMES_DEVICE.matcher(source).find() ? NAMES_DEVICE_FLAG : 0);
    }

    /**
     * A device's parameters as a codec's {@code variables} ({@code {"key": value}}, the last of a key winning), as
     * JSON: derived once per device JSON, so that a codec's run parses a few pairs, not the whole device (parsing
     * it cost the benchmark's codec 5–10 % of its decodes per second); null when it has none (most devices), for {}. The device
     * JSON is Hexgate's own; anything else has none.
     */
    String variablesJson(String deviceJson) {
        String json = deviceJson == null ? "" : variables.get(deviceJson, JsEngine::variablesOf);
        return json.isEmpty() ? null : json;
    }

    private static String variablesOf(String deviceJson) {
        ObjectNode variables = JSON.createObjectNode();
        try {
            for (JsonNode param : JSON.readTree(deviceJson).path("params")) {
                if (param.path("key").isTextual()) {
                    variables.set(param.get("key").asText(), param.path("value"));
                }
            }
            return variables.isEmpty() ? "" : JSON.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    /** Whether this parser's code was already proven to be one function body (the proof depends only on the code). */
    boolean checked(ParserScript script) {
        return checked.getIfPresent(script.key()) != null;
    }

    void markChecked(ParserScript script) {
        checked.put(script.key(), Boolean.TRUE);
    }

    Context newContext(long statementLimit) {
        Context.Builder builder = Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .allowHostAccess(HostAccess.newBuilder(HostAccess.CONSTRAINED).build())
                // Parsers see UTC, as on TagoIO and in Node on a server, whatever the zone of the machine.
                .timeZone(ZoneOffset.UTC)
                .option("js.strict", "false")
                .option("js.console", "false")
                .option("js.load", "false")
                .option("js.print", "false");
        if (statementLimit > 0) {
            builder.resourceLimits(ResourceLimits.newBuilder()
                    // Every statement but the prelude's and its libraries': a parser's eval'd code counts too.
                    .statementLimit(statementLimit, source -> !source.getName().startsWith("hexgate:"))
                    .build());
        }
        return builder.build();
    }

    @Override
    public void close() {
        engine.close(true);
    }

    private static String webJar(String artifact, String path) {
        Properties pom = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resource("META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/" + path);
    }

    private static String resource(String path) {
        try (InputStream in = stream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            in = JsEngine.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalStateException("parser runtime resource missing from the class path: " + path);
        }
        return in;
    }
}
