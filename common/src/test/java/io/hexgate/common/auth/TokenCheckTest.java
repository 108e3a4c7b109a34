package io.hexgate.common.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.hexgate.common.api.ApiException;
import io.hexgate.common.contract.Introspection;
import io.hexgate.common.contract.TokenKind;

/** What a device or network token may do, as every service judges it (one rule: TokenCheck). */
class TokenCheckTest {

    @ParameterizedTest(name = "{1} token, {2}, writing={3}: {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // active | kind | permission | writing | status | message
            "true | device  | full  | true  | 0   | ",
            "true | device  | write | true  | 0   | ",
            "true | device  | read  | false | 0   | ",
            "true | device  | read  | true  | 403 | the token's permission is 'read'; posting data needs 'write' or 'full'",
            "true | device  | deny  | false | 403 | the token's permission is 'deny'",
            "true | device  |       | true  | 403 | the token's permission is 'null'; posting data needs 'write' or 'full'",
            "true | network | full  | true  | 401 | posting data needs a device token, not a network token",
            "true | profile | full  | false | 401 | posting data needs a device token, not a profile token",
    })
    void anActiveTokenIsJudgedByKindAndPermission(boolean active, String kind, String permission, boolean writing,
                                                  int status, String message) {
        Introspection token = new Introspection(active, TokenKind.of(kind), "d", "n", "c", "p", permission, null, null);
        if (status == 0) {
            assertDoesNotThrow(() -> TokenCheck.require(token, TokenKind.DEVICE, writing, "posting data"));
            return;
        }
        ApiException refused = assertThrows(ApiException.class, () -> TokenCheck.require(token, TokenKind.DEVICE, writing, "posting data"));
        assertEquals(status, refused.status());
        assertEquals(message, refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "revoked,         401",
            "expired,         401",
            "unknown,         401",
            "device_inactive, 403" })
    void anInactiveTokenIsRefusedWithItsReason(String reason, int status) {
        Introspection token = new Introspection(false, null, null, null, null, null, null, null, InactiveReason.of(reason));
        ApiException refused = assertThrows(ApiException.class, () -> TokenCheck.require(token, TokenKind.NETWORK, false, "resolving"));
        assertEquals(status, refused.status());
        assertEquals(status == 403 ? "the device is inactive: its data is refused until it is activated"
                : "the network token is not accepted (" + InactiveReason.of(reason).text() + ")", refused.getMessage());
    }
}
