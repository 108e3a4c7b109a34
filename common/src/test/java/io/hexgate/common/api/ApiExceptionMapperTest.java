package io.hexgate.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.hexgate.common.logging.OutageLog;

class ApiExceptionMapperTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final ApiExceptionMapper mapper = new ApiExceptionMapper(new OutageLog("a store could not be reached",
            TimeUnit.SECONDS.toNanos(10), lines::add, now::get));

    /** Found by the fault suite: with PostgreSQL and Redis away, token-service wrote one line per refused request. */
    @Test
    void aStoreAwayIsA503PerRequestAndOneLinePerIntervalNotOnePerRequest() {
        RuntimeException refused = new RuntimeException("Connection refused: /127.0.0.1:5432",
                new ConnectException("Connection refused"));
        for (int i = 0; i < 500; i++) {
            Response response = mapper.unexpected(refused);
            assertEquals(503, response.getStatus());
            assertEquals("5", String.valueOf(response.getHeaderString("Retry-After")));
        }
        assertEquals(List.of("a store could not be reached (Connection refused: /127.0.0.1:5432 <- Connection refused)"), lines);
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        mapper.unexpected(refused);
        assertEquals(2, lines.size());
        assertEquals("a store could not be reached (Connection refused: /127.0.0.1:5432 <- Connection refused); "
                + "499 more since the last line", lines.get(1));
    }
}
