package io.hexgate.common.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Requests a service sends to its own HTTP port on the loopback address — never to another service, which is what
 * {@link ServiceClients} is for. ingest-service's start-up warm-up is the one user: it drives its own request path
 * before it says it is ready.
 */
public final class OwnPortRequests implements AutoCloseable {

    private final HttpClient client;

    public OwnPortRequests(Vertx vertx, int port, int inFlight) {
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setMaxPoolSize(inFlight).setKeepAlive(true));
    }

    /** Sends one request (with {@code body} when not null) and completes with the answer's status, its body read. */
    public Future<Integer> status(RequestOptions request, Buffer body) {
        return client.request(request).compose(sent -> body == null ? sent.send() : sent.send(body))
                .compose(response -> response.body().map(read -> response.statusCode()));
    }

    @Override
    public void close() {
        client.close();
    }
}
