package io.hexgate.common.logging;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One log line per interval for a failure that repeats while a dependency is away: a dependency down is a state,
 * not one event per request. The first failure is written at once; later ones within the interval are counted and
 * the count goes out with the next line. No stack trace: the cause's messages, in one line.
 */
public final class OutageLog {

    private final String what;
    private final long intervalNanos;
    private final Consumer<String> sink;
    private final LongSupplier clock;
    private final AtomicLong next;
    private final AtomicLong unwritten = new AtomicLong();

    /**
     * @param what  what failed, as the line begins ("token-service could not be asked about a token")
     * @param sink  where a line goes (a logger's warn)
     * @param clock nanoseconds ({@code System::nanoTime})
     */
    public OutageLog(String what, long intervalNanos, Consumer<String> sink, LongSupplier clock) {
        this.what = what;
        this.intervalNanos = intervalNanos;
        this.sink = sink;
        this.clock = clock;
        this.next = new AtomicLong(clock.getAsLong());
    }

    /** Notes one failure; writes a line when the interval since the last one has passed. */
    public void failed(Throwable cause) {
        long now = clock.getAsLong();
        long due = next.get();
        if (now - due >= 0 && next.compareAndSet(due, now + intervalNanos)) {
            long more = unwritten.getAndSet(0);
            sink.accept(what + " (" + causes(cause) + ")"
                    + (more > 0 ? "; " + more + " more since the last line" : ""));
        } else {
            unwritten.incrementAndGet();
        }
    }

    /** A failure and its causes in one line, innermost last. */
    public static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable at = failure;
        for (int depth = 0; at != null && depth < 8; depth++, at = at.getCause() == at ? null : at.getCause()) {
            if (depth > 0) {
                text.append(" <- ");
            }
            text.append(at.getMessage() != null ? at.getMessage() : at.getClass().getSimpleName());
        }
        return text.toString();
    }
}
