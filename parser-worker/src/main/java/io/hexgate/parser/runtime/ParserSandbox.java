package io.hexgate.parser.runtime;

import java.lang.management.ThreadMXBean;
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
    private final Value end;
    private final Value reset;
    private final Map<String, Value> compiled;
    private volatile boolean closed;
    private boolean inStage;
    private volatile long deadline;
    private volatile long stageSeq;
    private final Thread owner = Thread.currentThread();
    // watchdog-side bookkeeping (only the watchdog thread writes these)
    private long sampledSeq = -1;
    private long cpuAtSample;
    private volatile long cpuWhenStopped;

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
        end = protocol.getMember("end");
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
    String stage(ParserScript script, long budgetNanos) {
        synchronized (this) {
            inStage = true;
            stageSeq++;
            deadline = System.nanoTime() + budgetNanos;
        }
        try {
            return runStage(script);
        } finally {
            synchronized (this) {
                inStage = false;
                deadline = 0;
            }
        }
    }

    /**
     * Called by the watchdog's sweep: notes the owner thread's CPU time the first time it sees a stage running
     * (so the hot path never asks the kernel), and stops the stage once it is past its deadline, recording how
     * much CPU it burnt since — the quarantine judges a parser on that, not on wall-clock time.
     */
    void sweep(long now, ThreadMXBean threads) {
        long due = deadline;
        if (due == 0) {
            return;
        }
        long seq = stageSeq;
        if (sampledSeq != seq) {
            sampledSeq = seq;
            cpuAtSample = threads.getThreadCpuTime(owner.threadId());
            return;
        }
        if (now - due > 0) {
            cpuWhenStopped = threads.getThreadCpuTime(owner.threadId()) - cpuAtSample;
            cancel();
        }
    }

    /** CPU time the last stopped stage spent (from the watchdog's first sight of it), in nanoseconds. */
    long cpuWhenStopped() {
        return cpuWhenStopped;
    }

    private String runStage(ParserScript script) {
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

    /** Ends the run: its payload, serial and console lines, read in one call; the run is forgotten after. */
    Ending end() {
        String ended = end.execute().asString();
        int first = ended.indexOf('\u0000');
        int second = ended.lastIndexOf('\u0000');
        String serial = ended.substring(first + 1, second);
        String lines = ended.substring(second + 1);
        return new Ending(ended.substring(0, first), serial.isEmpty() ? null : serial, lines.isEmpty() ? "[]" : lines);
    }

    /** What a run left: its payload as JSON, the serial (or null), the console lines as a JSON array. */
    record Ending(String outputJson, String serial, String consoleJson) {
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
