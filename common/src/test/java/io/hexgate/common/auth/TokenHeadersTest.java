package io.hexgate.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenHeadersTest {

    private static Optional<String> find(Map<String, String> headers, Map<String, String> query) {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        return TokenHeaders.find(caseInsensitive::get, query::get);
    }

    @ParameterizedTest
    @CsvSource({
            "Authorization, Bearer abc",
            "Authorization, bearer abc",
            "Authorization, BEARER   abc  ",
            "Authorization, abc",
            "token, abc",
            "Token, abc",
            "TOKEN, abc",
            "Device-Token, abc",
            "device-token, abc",
            "Profile-Token, abc",
            "Account-Token, abc"})
    void readsTheTokenFromEveryHeaderAlias(String header, String value) {
        assertEquals(Optional.of("abc"), find(Map.of(header, value), Map.of()));
    }

    @Test
    void readsTheTokenFromTheQueryLast() {
        assertEquals(Optional.of("q"), find(Map.of(), Map.of("token", "q")));
        assertEquals(Optional.of("h"), find(Map.of("token", "h"), Map.of("token", "q")));
    }

    @Test
    void authorizationWinsOverTheOtherHeadersInTheDocumentedOrder() {
        assertEquals(Optional.of("a"), find(Map.of("Authorization", "Bearer a", "token", "t", "Device-Token", "d"), Map.of()));
        assertEquals(Optional.of("t"), find(Map.of("token", "t", "Device-Token", "d", "Account-Token", "x"), Map.of()));
        assertEquals(Optional.of("d"), find(Map.of("Device-Token", "d", "Profile-Token", "p"), Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Bearer", "Bearer   "})
    void blankValuesAreNoToken(String value) {
        assertEquals(Optional.empty(), find(Map.of("Authorization", value), Map.of()));
    }

    @Test
    void aBlankAuthorizationFallsThroughToTheNextAlias() {
        assertEquals(Optional.of("t"), find(Map.of("Authorization", "Bearer ", "token", "t"), Map.of()));
    }

    @Test
    void onlyThreePartTokensLookLikeJwts() {
        assertTrue(TokenHeaders.looksLikeJwt("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"));
        assertFalse(TokenHeaders.looksLikeJwt("6f1c2a3b-1111-4c2d-9e8f-0123456789ab"));
        assertFalse(TokenHeaders.looksLikeJwt("n-0123456789abcdef0123456789abcdef"));
        assertFalse(TokenHeaders.looksLikeJwt("a..b"));
        assertFalse(TokenHeaders.looksLikeJwt(".a.b"));
        assertFalse(TokenHeaders.looksLikeJwt("a.b.c.d"));
    }
}
