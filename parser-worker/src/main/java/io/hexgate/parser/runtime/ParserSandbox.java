package io.hexgate.parser.runtime;

import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One JavaScript context and the run protocol of {@code prelude.js} (begin → stage × n → end, the begin carried by
 * the first stage's call), driven by one worker thread at a time. A <em>shared</em> context (lockdown: the
 * built-ins frozen) is pooled and serves runs of every profile, one after another: the prelude evaluated once,
 * each parser compiled once. A context of one run (no lockdown) is for a parser that must change its realm, and
 * is closed after that run.
 * <p>
 * Every call that may run guest code — a stage, and reading the output — runs under the stage's deadline. A call
 * stopped by the watchdog or a limit, or a run that left the context unclean (the global object's prototype or
 * extensibility changed, a global it cannot remove), leaves the context unusable: {@link #usable()} tells the
 * owner to close it and build another, so nothing of one run ever reaches the next.
 */
final class ParserSandbox implements AutoCloseable {

    private final JsEngine engine;
    private final Context context;
    private final Value begin;
    private final Value check;
    private final Value stage;
    private final Value finish;
    private final Value end;
    private final Value rest;
    private final Value bind;
    private final Value first;
    private final Value serialNow;
    private final Value switchDevice;
    private final Map<String, Compiled> compiled;
    private volatile boolean closed;
    /** The run's input until its first stage takes it to the context. */
    private String[] input;
    /** The run's device, as JSON: what a codec stage's variables are derived from. */
    private String deviceJson;
    private boolean inStage;
    private volatile long deadline;
    private volatile long stageSeq;
    private final Thread owner = Thread.currentThread();
    // watchdog-side bookkeeping (only the watchdog thread writes these)
    private long sampledSeq = -1;
    private long cpuAtSample;
    private volatile long cpuWhenStopped;

    /**
     * @param lockdown    whether the built-ins are frozen: a context that serves many runs must be
     * @param outputLimit the largest output, as JSON, that the protocol writes (characters)
     */
    ParserSandbox(JsEngine engine, long statementLimit, int compiledPerContext, boolean lockdown, int outputLimit) {
        this.engine = engine;
        this.context = engine.newContext(statementLimit);
        Value libraries = context.eval("js", "({})");
        engine.libraries().forEach((name, source) -> libraries.putMember(name, context.eval(source)));
        Value protocol = context.eval(engine.prelude()).execute(libraries, lockdown, outputLimit);
        begin = protocol.getMember("begin");
        check = protocol.getMember("check");
        stage = protocol.getMember("stage");
        finish = protocol.getMember("finish");
        end = protocol.getMember("end");
        rest = protocol.getMember("rest");
        bind = protocol.getMember("bind");
        first = protocol.getMember("first");
        serialNow = protocol.getMember("serialNow");
        switchDevice = protocol.getMember("switchDevice");
        compiled = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
                return size() > compiledPerContext;
            }
        };
    }

    /**
     * Begins a run with its input. The input reaches the context with the first stage, in the same call (one
     * polyglot call fewer per run); a run without a stage that ran is begun by {@link #end}.
     */
    void begin(String body, String contentType, String payloadJson, String deviceJson, String serial) {
        context.resetLimits();
        input = new String[] { body, contentType == null ? "" : contentType, payloadJson, deviceJson, serial };
        this.deviceJson = deviceJson;
    }

    /** The serial the stages so far set (empty for none); runs no guest code. */
    String serialNow() {
        return serialNow.execute().asString();
    }

    /** The run goes on for another device: its {@code device} global (and a codec's variables) from now on. */
    void switchDevice(String deviceJson) {
        this.deviceJson = deviceJson;
        switchDevice.execute(deviceJson);
    }

    /**
     * Runs one parser on the current payload.
     *
     * @return null when it ran, else what it threw (a syntax error included)
     * @throws PolyglotException when it was cancelled or hit a limit: the context is then unusable
     */
    Thrown stage(ParserScript script, long budgetNanos) {
        return guarded(budgetNanos, () -> runStage(script));
    }

    /** What a stage threw: its message, and whether it was a TypeError (what a frozen built-in throws). */
    record Thrown(String message, boolean typeError) {
    }

    /** Runs guest code under a deadline that the watchdog enforces. */
    private <T> T guarded(long budgetNanos, Supplier<T> work) {
        synchronized (this) {
            inStage = true;
            stageSeq++;
            deadline = System.nanoTime() + budgetNanos;
        }
        try {
            return work.get();
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

    /** A parser compiled in this context, and its source's flags for the prelude ({@link JsEngine#flags}). */
    private record Compiled(Value function, int flags) {
    }

    private Thrown runStage(ParserScript script) {
        Compiled parser = compiled.get(script.key());
        if (parser == null) {
            try {
                // The code is proven one function body before any of it is evaluated (once per source and engine).
                if (!engine.checked(script)) {
                    check.execute(script.source());
                    engine.markChecked(script);
                }
                JsEngine.Wrapped wrapped = engine.parserSource(script);
                parser = new Compiled(bind.execute(context.eval(wrapped.source())), wrapped.flags());
            } catch (PolyglotException e) {
                if (e.isGuestException() && !e.isCancelled() && !e.isResourceExhausted()) {
                    return new Thrown(e.getMessage(), false);
                }
                throw e;
            }
            compiled.put(script.key(), parser);
        }
        // A codec's variables (the device's parameters), derived by the engine once per device: only for a stage that
        // may be a codec, not for every run.
        String variables = (parser.flags() & JsEngine.CODEC) != 0 ? engine.variablesJson(deviceJson) : null;
        Value error;
        if (input != null) {
            String[] in = input;
            input = null;
            error = first.execute(parser.function(), parser.flags(), variables, in[0], in[1], in[2], in[3], in[4]);
        } else {
            error = stage.execute(parser.function(), parser.flags(), variables);
        }
        if (error.isNull()) {
            return null;
        }
        String thrown = error.asString();
        return new Thrown(thrown.substring(1), thrown.charAt(0) == 'T');
    }

    /** The current payload as JSON, or {@code {"$error": why}} when it cannot be stored as JSON; under the deadline. */
    String output(long budgetNanos) {
        return guarded(budgetNanos, () -> finish.execute().asString());
    }

    /**
     * Ends the run under the deadline: its payload, serial and console lines, read in one call; the run is
     * forgotten after, and the context marked unusable when the run left it unclean.
     */
    Ending end(long budgetNanos) {
        if (input != null) {
            String[] in = input;
            input = null;
            begin.execute(in[0], in[1], in[2], in[3], in[4]);
        }
        Ending done = guarded(budgetNanos, () -> {
            String output = end.execute().asString();
            return ending(output, rest.execute().asString());
        });
        if (!done.clean()) {
            markBroken();
        }
        return done;
    }

    /** The run's end as the prelude leaves it: the payload, and clean or not (1 or 0), serial, NUL, console. */
    private static Ending ending(String output, String rest) {
        int nul = rest.indexOf('\u0000');
        return new Ending(rest.charAt(0) == '1', output, nul == 1 ? null : rest.substring(1, nul),
                nul == rest.length() - 1 ? "[]" : rest.substring(nul + 1));
    }

    /** What a run left: whether the context is as it was, its payload as JSON, the serial (or null), the console lines as a JSON array. */
    record Ending(boolean clean, String outputJson, String serial, String consoleJson) {
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
