package io.hexgate.parser.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.graalvm.polyglot.PolyglotException;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.hexgate.common.api.ParserSourceLimit;
import io.hexgate.parser.ParserConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Runs parsers (SPEC §4) on a bounded pool of worker threads — never on the event loop — each owning one
 * pooled {@link ParserSandbox}. Every stage runs under a watchdog that closes the context when the budget
 * is spent and under a statement limit; a stopped or broken context is replaced by a new one on the shared
 * engine (about a millisecond), so one runaway parser never costs the worker its health.
 */
@Singleton
@Startup
public class ParserRuntime {

    private static final Logger LOG = Logger.getLogger(ParserRuntime.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long WATCHDOG_PERIOD_MS = 5;

    private final JsEngine engine;
    private final ParserConfig config;
    private final MeterRegistry metrics;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<ParserSandbox> live = ConcurrentHashMap.newKeySet();
    private final Map<ParserStage, Timer> stageTimers = new EnumMap<>(ParserStage.class);
    private final ThreadLocal<ParserSandbox> sandboxes = new ThreadLocal<>();
    private final Quarantine quarantine;
    /** Per parser (by source): whether it must run in a context of its own (true) or runs shared (false). */
    private final Cache<String, Boolean> ownRealm = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    private final int threads;

    /** Done when every worker has built its context (the warm-up of the application's runtime). */
    private CompletableFuture<Void> warm = CompletableFuture.completedFuture(null);

    @Inject
    public ParserRuntime(ParserConfig config, MeterRegistry metrics) {
        this(new JsEngine(), config, metrics);
        LOG.infof("parser runtime: %s (%s)", engine.implementationName(), engine.version());
        warm = warmUp();
    }

    public ParserRuntime(JsEngine engine, ParserConfig config, MeterRegistry metrics) {
        checkBudgets(config);
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
        // One sweep every few milliseconds stops whatever is over its budget: cheaper than a timer per stage.
        this.watchdog.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            live.forEach(sandbox -> sandbox.sweep(now, THREADS));
        }, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
        this.quarantine = new Quarantine(config.quarantine());
        for (ParserStage stage : ParserStage.values()) {
            stageTimers.put(stage, Timer.builder("hexgate_parser_stage_seconds").tag("stage", stage.label())
                    .description("Duration of one parser stage").register(metrics));
        }
        // One registry outlives the application in tests that restart it: replace a gauge of an earlier runtime.
        Gauge previous = metrics.find("hexgate_parser_quarantined").gauge();
        if (previous != null) {
            metrics.remove(previous);
        }
        Gauge.builder("hexgate_parser_quarantined", quarantine, Quarantine::size)
                .description("Parsers quarantined for timing out repeatedly").register(metrics);
    }

    /**
     * Builds every worker's context now, not on the first uplinks (the prelude takes seconds, once), without
     * waiting for it: the bean is made in an instant, so the first batch — static membership hands a restarted
     * worker its partitions before it has started — is queued behind the warm-up on the workers instead of
     * blocking the event loop that delivers it on the bean's construction. Readiness waits for it ({@link #warm()}).
     * <p>
     * One context after the other, each on a worker of its own: the first pays for the cold JVM (GraalJS's parser
     * and interpreter not yet compiled, seconds on a busy machine), the next take a tenth of that. Built side by side
     * they would each pay the cold price on the same cores. A worker takes uplinks as soon as its context is built.
     */
    private CompletableFuture<Void> warmUp() {
        long started = System.nanoTime();
        List<CompletableFuture<Void>> building = new ArrayList<>();
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        for (int i = 0; i < threads; i++) {
            CompletableFuture<Void> before = previous;
            CompletableFuture<Void> built = new CompletableFuture<>();
            // A fixed pool starts a thread per task until it has all of them: each task is on a worker of its own.
            workers.execute(() -> {
                try {
                    before.exceptionally(failed -> null).join(); // after the previous one, built or not
                    sharedSandbox();
                    built.complete(null);
                } catch (RuntimeException | Error e) {
                    built.completeExceptionally(e); // readiness still ends, and the next worker still builds
                }
            });
            building.add(built);
            previous = built;
        }
        return CompletableFuture.allOf(building.toArray(CompletableFuture[]::new)).whenComplete((done, failed) ->
                LOG.infof("parser runtime warm: %d contexts built in %d ms", threads,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }

    /** Whether every worker has its context built (see {@link #warmUp()}). */
    public boolean warm() {
        return warm.isDone();
    }

    /** "GraalVM CE" when the optimizing runtime is on, "Interpreted" when it is not. */
    public String implementationName() {
        return engine.implementationName();
    }

    /** The number of JavaScript worker threads. */
    public int threads() {
        return threads;
    }

    /** The shortest and longest budget a network may set for its devices' stages (SPEC §4). */
    static final Duration SHORTEST_BUDGET = Duration.ofMillis(50);
    static final Duration LONGEST_BUDGET = Duration.ofSeconds(5);

    /** Refuses to start with a network budget outside SPEC §4's range, naming the setting, its value and the rule. */
    private static void checkBudgets(ParserConfig config) {
        ParserSourceLimit.check(config.maxSourceBytes());
        config.networks().forEach((network, settings) -> settings.timeout().ifPresent(budget -> {
            if (budget.compareTo(SHORTEST_BUDGET) < 0 || budget.compareTo(LONGEST_BUDGET) > 0) {
                throw new IllegalArgumentException("hexgate.parser.networks.\"" + network + "\".timeout is "
                        + budget.toMillis() + " ms: a network's parser budget must be between " + SHORTEST_BUDGET.toMillis()
                        + " ms and " + LONGEST_BUDGET.toSeconds() + " s");
            }
        }));
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

    /**
     * Runs many requests (a batch of uplinks) on the workers: one task per worker, each taking the next request not
     * yet taken until none is left — one hand-over per thread instead of one per uplink, and no worker idle while
     * another has work queued behind it (a restarted worker's first batch is handled as soon as its first context
     * is built, not when the last one is). The outcomes come in the order of the requests.
     */
    public CompletableFuture<List<ParseOutcome>> submitAll(List<ParseRequest> requests) {
        int count = requests.size();
        if (count == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        ParseOutcome[] outcomes = new ParseOutcome[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CompletableFuture<List<ParseOutcome>> all = new CompletableFuture<>();
        Runnable take = () -> {
            for (int i = next.getAndIncrement(); i < count && !all.isDone(); i = next.getAndIncrement()) {
                try {
                    outcomes[i] = run(requests.get(i));
                } catch (Throwable e) {
                    all.completeExceptionally(e);
                    return;
                }
                // the last to finish hands over every outcome (each written before its count went up)
                if (done.incrementAndGet() == count) {
                    all.complete(Arrays.asList(outcomes));
                }
            }
        };
        for (int t = 0; t < Math.min(threads, count); t++) {
            workers.execute(take);
        }
        return all;
    }

    /**
     * Runs every stage of the request on the calling thread, which must be one of this runtime's workers: in the
     * thread's shared context, or in a context of its own for a parser known to change its realm. A run that fails
     * with a TypeError in the shared context — what a frozen built-in answers to a polyfill — is tried once more in
     * a context of its own; the answer is remembered per parser, so each parser costs at most one such retry.
     */
    ParseOutcome run(ParseRequest request) {
        if (needsOwnRealm(request)) {
            return attempt(request, false).outcome();
        }
        Attempt shared = attempt(request, true);
        ParserScript suspect = shared.typeErrorIn();
        if (suspect == null || ownRealm.getIfPresent(suspect.key()) != null) {
            return shared.outcome();
        }
        Attempt alone = attempt(request, false);
        boolean helped = !suspect.equals(alone.typeErrorIn());
        ownRealm.put(suspect.key(), helped);
        if (helped) {
            LOG.infof("the %s parser of %s changes its realm: it runs in a context of its own", suspect.stage(),
                    suspect.ownerId());
        }
        return helped ? alone.outcome() : shared.outcome();
    }

    /** Whether a stage of the request is known to change its realm (no look-up while none is). */
    private boolean needsOwnRealm(ParseRequest request) {
        if (ownRealm.estimatedSize() == 0) {
            return false;
        }
        for (ParserScript script : request.stages()) {
            if (Boolean.TRUE.equals(ownRealm.getIfPresent(script.key()))) {
                return true;
            }
        }
        return false;
    }

    /** One run's outcome, and the parser that threw a TypeError if one did. */
    private record Attempt(ParseOutcome outcome, ParserScript typeErrorIn) {
    }

    private Attempt attempt(ParseRequest request, boolean shared) {
        ParserSandbox sandbox = shared ? sharedSandbox() : ownSandbox();
        List<StageResult> results = new ArrayList<>(request.stages().size());
        StageFailure failure = null;
        ParserScript typeErrorIn = null;
        String output = null;
        String serial = null;
        long budget = request.budget().toNanos();
        try {
            sandbox.begin(request.body(), request.contentType(), request.payloadJson(), request.deviceJson(),
                    request.serial());
            StagesRun ran = runStages(sandbox, request.stages(), request, results);
            Continuation.Next next = null;
            if (ran.failure() == null && request.continuation() != null && sandbox.usable()) {
                String named = sandbox.serialNow();
                next = named.isEmpty() ? null : request.continuation().after(named);
                if (next != null) {
                    sandbox.switchDevice(next.deviceJson());
                    ran = runStages(sandbox, next.stages(), request, results);
                }
            }
            failure = ran.failure();
            typeErrorIn = ran.typeErrorIn();
            String console = "[]";
            if (sandbox.usable()) {
                ParserSandbox.Ending ending = sandbox.end(budget);
                serial = ending.serial();
                console = ending.consoleJson();
                if (failure == null) {
                    output = ending.outputJson();
                }
            }
            return new Attempt(new ParseOutcome(output, serial, failure, results, console,
                    next == null ? null : next.device()), typeErrorIn);
        } catch (PolyglotException e) {
            sandbox.markBroken();
            StageFailure broken = e.isCancelled()
                    ? new StageFailure(null, null, FailureKind.TIMEOUT, "reading the parser's output ran over its "
                            + request.budget().toMillis() + " ms budget and was stopped")
                    : new StageFailure(null, null, FailureKind.SCRIPT_ERROR, e.getMessage());
            if (!e.isCancelled()) {
                LOG.warnf("parser context failed outside a stage, replacing it: %s", e.getMessage());
            }
            return new Attempt(new ParseOutcome(null, null, broken, results, "[]"), null);
        } finally {
            if (!shared) {
                sandbox.markBroken();
            }
            if (!sandbox.usable()) {
                live.remove(sandbox);
                sandbox.close();
                if (shared) {
                    sandboxes.remove();
                }
            }
        }
    }

    /** How stages ended: the first failure (null when all ran) and the parser that threw a TypeError, if one did. */
    private record StagesRun(StageFailure failure, ParserScript typeErrorIn) {
    }

    /** Runs the stages in order until one fails. */
    private StagesRun runStages(ParserSandbox sandbox, List<ParserScript> stages, ParseRequest request,
                                List<StageResult> results) {
        for (ParserScript script : stages) {
            StageRun stage = runStage(sandbox, script, request, results);
            if (stage.failure() != null) {
                return new StagesRun(stage.failure(), stage.typeError() ? script : null);
            }
        }
        return new StagesRun(null, null);
    }

    /** How a stage ended: its failure (null when it ran) and whether it threw a TypeError. */
    private record StageRun(StageFailure failure, boolean typeError) {
        static final StageRun OK = new StageRun(null, false);
    }

    private StageRun runStage(ParserSandbox sandbox, ParserScript script, ParseRequest request,
                              List<StageResult> results) {
        if (quarantine.isQuarantined(script.key(), request.profile())) {
            count(FailureKind.QUARANTINED);
            results.add(new StageResult(script.stage(), script.ownerId(), 0, "quarantined", null));
            return new StageRun(new StageFailure(script.stage(), script.ownerId(), FailureKind.QUARANTINED,
                    "the " + script.stage() + " parser is quarantined: it kept running over its "
                            + request.budget().toMillis() + " ms budget"), false);
        }
        Duration budget = request.budget();
        long started = System.nanoTime();
        String error = null;
        boolean typeError = false;
        FailureKind kind = null;
        try {
            ParserSandbox.Thrown thrown = sandbox.stage(script, budget.toNanos());
            if (!sandbox.usable()) {
                kind = FailureKind.TIMEOUT;
                error = "the parser ran over its " + budget.toMillis() + " ms budget and was stopped";
            } else if (thrown != null) {
                kind = FailureKind.SCRIPT_ERROR;
                error = thrown.message();
                typeError = thrown.typeError();
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
        }
        long elapsed = System.nanoTime() - started;
        stageTimers.get(script.stage()).record(elapsed, TimeUnit.NANOSECONDS);
        String output = request.recordStages() && kind == null ? sandbox.output(budget.toNanos()) : null;
        results.add(new StageResult(script.stage(), script.ownerId(), elapsed / 1000, error, output));
        if (kind == null) {
            return StageRun.OK;
        }
        count(kind);
        if (kind == FailureKind.TIMEOUT || kind == FailureKind.RESOURCE_LIMIT) {
            long cpu = kind == FailureKind.TIMEOUT ? sandbox.cpuWhenStopped() : budget.toNanos();
            if (quarantine.timedOut(script.key(), request.profile(), budget, cpu)) {
                LOG.warnf("quarantined the %s parser of %s for profile %s: it kept running over its budget",
                        script.stage(), script.ownerId(), request.profile());
            }
        }
        return new StageRun(new StageFailure(script.stage(), script.ownerId(), kind, error), typeError);
    }

    /** Counts an output the pipeline rejected (not an array of valid data) under {@code invalid_output}. */
    public void countInvalidOutput() {
        count(FailureKind.INVALID_OUTPUT);
    }

    private void count(FailureKind kind) {
        Counter.builder("hexgate_parser_errors_total").tag("kind", kind.label())
                .description("Parser stages that failed, by kind").register(metrics).increment();
    }

    /** The calling worker's shared context (built-ins frozen), built when it has none that is usable. */
    private ParserSandbox sharedSandbox() {
        ParserSandbox sandbox = sandboxes.get();
        if (sandbox == null || !sandbox.usable()) {
            sandbox = newSandbox(true);
            sandboxes.set(sandbox);
        }
        return sandbox;
    }

    /** A context for one run, closed after it: what the run changes in its realm dies with it. */
    private ParserSandbox ownSandbox() {
        return newSandbox(false);
    }

    private ParserSandbox newSandbox(boolean lockdown) {
        ParserSandbox sandbox = new ParserSandbox(engine, config.statementLimit(), config.compiledPerContext(), lockdown,
                config.maxOutputBytes());
        live.add(sandbox);
        return sandbox;
    }

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
        watchdog.shutdownNow();
        engine.close();
    }
}
