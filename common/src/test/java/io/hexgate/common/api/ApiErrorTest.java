package io.hexgate.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiErrorTest {

    private static final String HUGE = "a".repeat(300 * 1024);

    @Test
    void aHugeQuotedValueIsCutButTheFieldAndTheRuleStay() {
        ApiError error = ApiError.of("network: '" + HUGE + "' is not an id (24 lowercase hexadecimal characters)",
                Map.of("network", "'" + HUGE + "' is not an id"));
        assertEquals("network: '" + "a".repeat(ApiError.SHOWN) + "…' is not an id (24 lowercase hexadecimal characters)",
                error.message());
        assertEquals("'" + "a".repeat(ApiError.SHOWN) + "…' is not an id", error.fieldErrors().get("network"));
    }

    @Test
    void aHugeUnquotedValueIsCutToo() {
        ApiError error = ApiError.of("device " + HUGE + " was not found");
        assertEquals("device " + "a".repeat(ApiError.SHOWN) + "… was not found", error.message());
    }

    @Test
    void anOrdinaryMessageIsUnchanged() {
        String message = "name: at most 255 characters, got 300; description: 'a short one' is fine";
        assertEquals(message, ApiError.of(message).message());
        String id = "params[0].id: no param with id '0123456789abcdef01234567'";
        assertEquals(id, ApiError.of(id).message());
    }

    @Test
    void noMessageIsLongerThanTheCap() {
        String spaced = "x ".repeat(10_000);
        assertTrue(ApiError.of(spaced).message().length() <= ApiError.MAX_MESSAGE + 1);
    }
}
