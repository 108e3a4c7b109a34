package io.hexgate.parser.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One pooled JavaScript context, confined to the worker thread that owns it: the prelude evaluated once,
 * the parsers it has run compiled once each, and the run protocol of {@code prelude.js} (begin → stage × n
 * → finish → reset). A stage stopped by the watchdog or a limit leaves the context closed;
 * {@link #usable()} tells the owner to build a new one.
 */
final class ParserSandbox implements AutoCloseable {

    private final JsEngine engine;
    private final Context context;
    private final Value begin;
    private final Value compile;
    private final Value stage;
    private final Value finish;
    private final Value serial;
    private final Value lines;
    private final Value reset;
    private final Map<String, Value> compiled;
    private volatile boolean closed;
    private boolean inStage;

    ParserSandbox(JsEngine engine, long statementLimit, int compiledPerContext) {
        this.engine = engine;
        this.context = engine.newContext(statementLimit);
        Value libraries = context.eval("js", "({})");
        engine.libraries().forEach((name, source) -> libraries.putMember(name, context.eval(source)));
        Value protocol = context.eval(engine.prelude()).execute(libraries);
        begin = protocol.getMember("begin");
        compile = protocol.getMember("compile");
        stage = protocol.getMember("stage");
        finish = protocol.getMember("finish");
        serial = protocol.getMember("serial");
        lines = protocol.getMember("lines");
        reset = protocol.getMember("reset");
        compiled = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Value> eldest) {
                return size() > compiledPerContext;
            }
        };
    }

    void begin(String body, String contentType, String payloadJson, String deviceJson) {
        context.resetLimits();
        begin.execute(body, contentType == null ? "" : contentType, payloadJson, deviceJson);
    }

    /**
     * Runs one parser on the current payload.
     *
     * @return null when it ran, else the message of what it threw (a syntax error included)
     * @throws PolyglotException when it was cancelled or hit a limit: the context is then unusable
     */
    String stage(ParserScript script) {
        synchronized (this) {
            inStage = true;
        }
        try {
            return runStage(script);
        } finally {
            synchronized (this) {
                inStage = false;
            }
        }
    }

    private String runStage(ParserScript script) {
        context.resetLimits();
        Value parser = compiled.get(script.key());
        if (parser == null) {
            Source source = engine.parserSource(script);
            try {
                parser = compile.execute(script.source(), context.eval(source));
            } catch (PolyglotException e) {
                if (e.isGuestException() && !e.isCancelled() && !e.isResourceExhausted()) {
                    return e.getMessage();
                }
                throw e;
            }
            compiled.put(script.key(), parser);
        }
        Value error = stage.execute(parser);
        return error.isNull() ? null : error.asString();
    }

    /** The current payload as JSON, or {@code {"$error": why}} when it cannot be JSON. */
    String output() {
        return finish.execute().asString();
    }

    /** The serial a network parser set, or null. */
    String serial() {
        Value value = serial.execute();
        return value.isNull() ? null : value.asString();
    }

    /** The console lines of the run as a JSON array of {@code {level, message}}. */
    String consoleLines() {
        return lines.execute().asString();
    }

    /** Forgets the run: its payload, its console, every global it created. */
    void reset() {
        reset.execute();
    }

    /**
     * Stops a running stage from another thread (the watchdog); the context is gone afterwards. A stage that
     * already returned is left alone, so a late watchdog never kills the next one.
     */
    void cancel() {
        synchronized (this) {
            if (!inStage) {
                return;
            }
            closed = true;
        }
        context.close(true);
    }

    boolean usable() {
        return !closed;
    }

    void markBroken() {
        closed = true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // already cancelled or closed
        }
    }
}
