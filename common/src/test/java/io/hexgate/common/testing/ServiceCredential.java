package io.hexgate.common.testing;

import java.time.Duration;

import io.hexgate.common.auth.ServiceCredentials;

/** Service credentials as a Hexgate service signs them (common's {@link ServiceCredentials}), for tests that call internal routes. */
public final class ServiceCredential {

    /** The header that carries one. */
    public static final String HEADER = ServiceCredentials.HEADER;

    private ServiceCredential() {
    }

    /** A credential of {@code caller} for calls to {@code callee}, valid for a minute; signed with {@code secret}. */
    public static String of(String caller, String callee, String secret) {
        return new ServiceCredentials(secret, Duration.ofMinutes(1), caller).credentialFor(callee);
    }

    /** A credential of {@code caller} for {@code callee}, signed with the tests' secret. */
    public static String of(String caller, String callee) {
        return of(caller, callee, TestKeys.INTERNAL_SECRET);
    }
}
