package io.hexgate.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class InactiveReasonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void onTheWireAReasonIsItsLowerCaseName() throws Exception {
        assertEquals("\"device_inactive\"", json.writeValueAsString(InactiveReason.DEVICE_INACTIVE));
        assertEquals(InactiveReason.DEVICE_INACTIVE, json.readValue("\"device_inactive\"", InactiveReason.class));
    }

    /** token-service's Redis cache may still hold answers written before the codes, with the text as reason. */
    @Test
    void theTextAnEarlierTokenServiceWroteIsReadAsItsReason() {
        assertEquals(InactiveReason.DEVICE_INACTIVE, InactiveReason.of("the device is inactive"));
        assertEquals(InactiveReason.EXPIRED, InactiveReason.of("the token expired"));
        assertEquals(InactiveReason.REVOKED, InactiveReason.of("the profile token was revoked"));
    }

    @Test
    void noReasonIsNoneAndAnUnknownOneStaysARefusal() {
        assertNull(InactiveReason.of(""));
        assertNull(InactiveReason.of(null));
        assertEquals(InactiveReason.UNKNOWN, InactiveReason.of("device inactive, honestly"));
    }
}
