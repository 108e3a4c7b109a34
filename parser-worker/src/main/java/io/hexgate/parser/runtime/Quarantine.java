package io.hexgate.parser.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.hexgate.parser.ParserConfig;

/**
 * Parsers that keep timing out are set aside for a while (SPEC §4). Only timeouts the parser earned count:
 * its thread spent at least a quarter of the budget computing. A healthy parser that timed out because the
 * platform was slow (a GC pause, JIT threads or other work taking the cores) spent its time waiting and used
 * no more CPU than it always needs — far below that. (Measured here: a spinning parser on this 2-core box
 * gets 45–55 % of a 200 ms budget while the JIT compiles beside it, so "half" would let it off.)
 */
final class Quarantine {

    private final int threshold;
    private final long windowNanos;
    private final Cache<String, Deque<Long>> strikes;
    private final Cache<String, Boolean> quarantined;

    Quarantine(ParserConfig.Quarantine config) {
        this.threshold = config.timeouts();
        this.windowNanos = config.window().toNanos();
        this.strikes = Caffeine.newBuilder().expireAfterAccess(config.window()).maximumSize(100_000).build();
        this.quarantined = Caffeine.newBuilder().expireAfterWrite(config.duration()).maximumSize(100_000).build();
    }

    boolean isQuarantined(String parserKey) {
        return isQuarantined(parserKey, null);
    }

    /**
     * Whether the parser is quarantined for the profile: a quarantine is per profile, so that one profile's uplinks
     * never set a shared parser aside for another (null: a run of no profile).
     */
    boolean isQuarantined(String parserKey, String profile) {
        // no look-up, nor a key built, while nothing is quarantined (the common case, on every stage)
        return quarantined.estimatedSize() != 0 && quarantined.getIfPresent(key(parserKey, profile)) != null;
    }

    boolean timedOut(String parserKey, Duration budget, long cpuNanos) {
        return timedOut(parserKey, null, budget, cpuNanos);
    }

    /** Records a timeout of the parser for the profile; true when it was its own doing and it is now quarantined. */
    boolean timedOut(String parserKey, String profile, Duration budget, long cpuNanos) {
        if (cpuNanos * 4 < budget.toNanos()) {
            return false;
        }
        String quarantineKey = key(parserKey, profile);
        long now = System.nanoTime();
        Deque<Long> times = strikes.get(quarantineKey, key -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && now - times.peekFirst() > windowNanos) {
                times.removeFirst();
            }
            if (times.size() < threshold) {
                return false;
            }
            times.clear();
        }
        quarantined.put(quarantineKey, Boolean.TRUE);
        return true;
    }

    private static String key(String parserKey, String profile) {
        return profile == null ? parserKey : parserKey + "\n" + profile;
    }

    long size() {
        return quarantined.estimatedSize();
    }
}
