package io.hexgate.common.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import io.hexgate.common.api.InvalidRequestException;

/**
 * Every request body of every service, before it is read: one that holds U+0000 is answered 400 (SPEC §6), so no
 * route stores — or publishes to a consumer that would store — text PostgreSQL refuses; and a JSON {@code null}
 * where a route reads an object is answered 400 too, never handed on as a null input.
 */
@Provider
public class RequestBodyGuard implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        StorableText.nulIn(body).ifPresent(found -> {
            throw InvalidRequestException.field(found.field(), found.message());
        });
        context.setInputStream(new ByteArrayInputStream(body));
        Object read = context.proceed();
        if (read == null && isJsonNull(body)) {
            throw InvalidRequestException.field("body", "body: is null; send a JSON object");
        }
        return read;
    }

    private static boolean isJsonNull(byte[] body) {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8).strip().equals("null");
    }
}
