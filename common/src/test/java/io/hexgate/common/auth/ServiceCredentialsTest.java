package io.hexgate.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.ServiceCredential;
import io.hexgate.common.testing.TestKeys;

/** Service credentials: what one service signs another accepts, and nothing else passes. */
class ServiceCredentialsTest {

    private static ServiceCredentials of(String self) {
        return new ServiceCredentials(TestKeys.INTERNAL_SECRET, Duration.ofSeconds(60), self);
    }

    @Test
    void aCredentialSignedForAServiceNamesItsCaller() {
        String credential = of("ingest-service").credentialFor("token-service");
        assertEquals(Optional.of("ingest-service"), of("token-service").callerOf(credential));
        assertEquals(Optional.of("network-service"),
                of("token-service").callerOf(ServiceCredential.of("network-service", "token-service")));
    }

    @Test
    void aCredentialForAnotherServiceOrWithAnotherSecretOrNoneIsRefused() {
        String forNetwork = of("ingest-service").credentialFor("network-service");
        assertTrue(of("token-service").callerOf(forNetwork).isEmpty());
        String forged = new ServiceCredentials("another-secret-of-at-least-32-characters!", Duration.ofSeconds(60),
                "ingest-service").credentialFor("token-service");
        assertTrue(of("token-service").callerOf(forged).isEmpty());
        assertTrue(of("token-service").callerOf(null).isEmpty());
        assertTrue(of("token-service").callerOf("garbage").isEmpty());
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertTrue(assertThrows(IllegalStateException.class,
                () -> new ServiceCredentials("short", Duration.ofSeconds(60), "x")).getMessage().contains("at least 32"));
    }
}
