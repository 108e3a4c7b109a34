package io.hexgate.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class OutageLogTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final OutageLog log = new OutageLog("token-service could not be asked", TimeUnit.SECONDS.toNanos(10),
            lines::add, now::get);

    @Test
    void aThousandFailuresInOneIntervalAreOneLineAndTheNextLineCountsThem() {
        RuntimeException failure = new RuntimeException("introspection failed", new ConnectException(null));
        for (int i = 0; i < 1000; i++) {
            log.failed(failure);
        }
        assertEquals(List.of("token-service could not be asked (introspection failed <- ConnectException)"), lines);
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        log.failed(failure);
        assertEquals("token-service could not be asked (introspection failed <- ConnectException); 999 more since the last line",
                lines.get(1));
        assertEquals(2, lines.size());
    }
}
