package io.hexgate.common.auth;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.smallrye.mutiny.Uni;

/**
 * A call to another Hexgate service's internal API with the JDK client, answered on the caller's Vert.x context:
 * the JDK client completes on its own threads, where the request scope (and Hibernate Reactive) is not.
 */
public final class InternalCall {

    private InternalCall() {
    }

    public static Uni<HttpResponse<String>> send(HttpClient http, HttpRequest request) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<HttpResponse<String>> answer = Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        return context == null ? answer : answer.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
