package io.hexgate.parser.pipeline;

import java.time.Duration;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * How the pipeline waits out an outage of PostgreSQL or Kafka (SPEC §6): the same work again, with back-off
 * from 200 ms to 10 s, for as long as it takes — an uplink is never skipped and its offset never committed
 * before its points are stored.
 */
final class Outages {

    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(10);

    private Outages() {
    }

    static <T> Uni<T> waitOut(Uni<T> work, Consumer<Throwable> eachFailure) {
        return work.onFailure().invoke(eachFailure).onFailure().retry().withBackOff(FIRST, MAX).indefinitely();
    }
}
