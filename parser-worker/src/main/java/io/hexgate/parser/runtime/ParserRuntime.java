package io.hexgate.parser.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.graalvm.polyglot.PolyglotException;
import org.jboss.logging.Logger;

import io.hexgate.parser.ParserConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Runs parsers (SPEC §4) on a bounded pool of worker threads — never on the event loop — each owning one
 * pooled {@link ParserSandbox}. Every stage runs under a watchdog that closes the context when the budget
 * is spent and under a statement limit; a stopped or broken context is replaced by a new one on the shared
 * engine (about a millisecond), so one runaway parser never costs the worker its health.
 */
@ApplicationScoped
public class ParserRuntime {

    private static final Logger LOG = Logger.getLogger(ParserRuntime.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final JsEngine engine;
    private final ParserConfig config;
    private final MeterRegistry metrics;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final ThreadLocal<ParserSandbox> sandboxes = new ThreadLocal<>();
    private final Quarantine quarantine;
    private final int threads;

    public ParserRuntime(JsEngine engine, ParserConfig config, MeterRegistry metrics) {
        this.engine = engine;
        this.config = config;
        this.metrics = metrics;
        this.threads = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "parser-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.watchdog = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "parser-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.quarantine = new Quarantine(config.quarantine());
        // One registry outlives the application in tests that restart it: replace a gauge of an earlier runtime.
        Gauge previous = metrics.find("hexgate_parser_quarantined").gauge();
        if (previous != null) {
            metrics.remove(previous);
        }
        Gauge.builder("hexgate_parser_quarantined", quarantine, Quarantine::size)
                .description("Parsers quarantined for timing out repeatedly").register(metrics);
    }

    /** The number of JavaScript worker threads. */
    public int threads() {
        return threads;
    }

    /** The wall-clock budget of a stage for a device of this network (SPEC §4: configurable per network). */
    public Duration budgetFor(String networkId) {
        ParserConfig.NetworkSettings settings = networkId == null ? null : config.networks().get(networkId);
        return settings == null ? config.timeout() : settings.timeout().orElse(config.timeout());
    }

    /** Runs on a worker thread; completes on that thread. */
    public CompletableFuture<ParseOutcome> submit(ParseRequest request) {
        return CompletableFuture.supplyAsync(() -> run(request), workers);
    }

    public Uni<ParseOutcome> run(Uni<ParseRequest> request) {
        return request.onItem().transformToUni(r -> Uni.createFrom().completionStage(() -> submit(r)));
    }

    /** Runs every stage of the request on the calling thread, which must be one of this runtime's workers. */
    ParseOutcome run(ParseRequest request) {
        ParserSandbox sandbox = sandbox();
        List<StageResult> results = new ArrayList<>(request.stages().size());
        StageFailure failure = null;
        String output = null;
        String serial = null;
        try {
            sandbox.begin(request.body(), request.contentType(), request.payloadJson(), request.deviceJson());
            for (ParserScript script : request.stages()) {
                failure = runStage(sandbox, script, request, results);
                if (failure != null) {
                    break;
                }
            }
            if (sandbox.usable()) {
                serial = sandbox.serial();
                if (failure == null) {
                    output = sandbox.output();
                }
            }
            String console = sandbox.usable() ? sandbox.consoleLines() : "[]";
            return new ParseOutcome(output, serial, failure, results, console);
        } catch (PolyglotException e) {
            sandbox.markBroken();
            LOG.warnf("parser context failed outside a stage, replacing it: %s", e.getMessage());
            StageFailure broken = new StageFailure("runtime", null, FailureKind.SCRIPT_ERROR, e.getMessage());
            return new ParseOutcome(null, null, broken, results, "[]");
        } finally {
            if (sandbox.usable()) {
                try {
                    sandbox.reset();
                } catch (PolyglotException e) {
                    sandbox.markBroken();
                }
            }
            if (!sandbox.usable()) {
                sandbox.close();
                sandboxes.remove();
            }
        }
    }

    private StageFailure runStage(ParserSandbox sandbox, ParserScript script, ParseRequest request,
                                  List<StageResult> results) {
        if (quarantine.isQuarantined(script.key())) {
            count(FailureKind.QUARANTINED);
            results.add(new StageResult(script.stage(), script.ownerId(), 0, "quarantined", null));
            return new StageFailure(script.stage(), script.ownerId(), FailureKind.QUARANTINED,
                    "the " + script.stage() + " parser is quarantined: it kept running over its "
                            + request.budget().toMillis() + " ms budget");
        }
        Duration budget = request.budget();
        ScheduledFuture<?> guard = watchdog.schedule(sandbox::cancel, budget.toNanos(), TimeUnit.NANOSECONDS);
        long started = System.nanoTime();
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        String error;
        FailureKind kind = null;
        try {
            error = sandbox.stage(script);
            if (!sandbox.usable()) {
                kind = FailureKind.TIMEOUT;
                error = "the parser ran over its " + budget.toMillis() + " ms budget and was stopped";
            } else if (error != null) {
                kind = FailureKind.SCRIPT_ERROR;
            }
        } catch (PolyglotException e) {
            sandbox.markBroken();
            if (e.isResourceExhausted()) {
                kind = FailureKind.RESOURCE_LIMIT;
                error = "the parser ran more than " + config.statementLimit() + " statements and was stopped";
            } else if (e.isCancelled()) {
                kind = FailureKind.TIMEOUT;
                error = "the parser ran over its " + budget.toMillis() + " ms budget and was stopped";
            } else {
                kind = FailureKind.SCRIPT_ERROR;
                error = e.getMessage();
            }
        } catch (OutOfMemoryError e) {
            // Community GraalJS has no per-context heap cap: the JVM's recovery is the fence (docs/parser.md).
            sandbox.markBroken();
            kind = FailureKind.RESOURCE_LIMIT;
            error = "the parser exhausted the memory it may use and was stopped";
        } finally {
            guard.cancel(false);
        }
        long elapsed = System.nanoTime() - started;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStarted;
        Timer.builder("hexgate_parser_stage_seconds").tag("stage", script.stage())
                .description("Duration of one parser stage").register(metrics).record(elapsed, TimeUnit.NANOSECONDS);
        String output = request.recordStages() && kind == null ? sandbox.output() : null;
        results.add(new StageResult(script.stage(), script.ownerId(), elapsed / 1000, error, output));
        if (kind == null) {
            return null;
        }
        count(kind);
        if (kind == FailureKind.TIMEOUT || kind == FailureKind.RESOURCE_LIMIT) {
            if (quarantine.timedOut(script.key(), budget, cpu)) {
                LOG.warnf("quarantined the %s parser of %s: it kept running over its budget", script.stage(),
                        script.ownerId());
            }
        }
        return new StageFailure(script.stage(), script.ownerId(), kind, error);
    }

    /** Counts an output the pipeline rejected (not an array of valid data) under {@code invalid_output}. */
    public void countInvalidOutput() {
        count(FailureKind.INVALID_OUTPUT);
    }

    private void count(FailureKind kind) {
        Counter.builder("hexgate_parser_errors_total").tag("kind", kind.label())
                .description("Parser stages that failed, by kind").register(metrics).increment();
    }

    private ParserSandbox sandbox() {
        ParserSandbox sandbox = sandboxes.get();
        if (sandbox == null || !sandbox.usable()) {
            sandbox = new ParserSandbox(engine, config.statementLimit(), config.compiledPerContext());
            sandboxes.set(sandbox);
        }
        return sandbox;
    }

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
        watchdog.shutdownNow();
    }
}
