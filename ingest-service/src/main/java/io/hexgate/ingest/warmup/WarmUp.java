package io.hexgate.ingest.warmup;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.hexgate.common.client.OwnPortRequests;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * A new ingest-service sends its own request path a few thousand requests before it says it is ready, so that the
 * first devices a load balancer sends it are not the ones that pay for the cold JVM (the fault suite measured p99
 * 4–6 s in the 20 s after a restart: the HTTP server's, the router's and the REST layer's code interpreted, then
 * compiled while devices wait).
 * <p>
 * The requests are ones ingest-service answers on its own, without writing anything anywhere: data posted and read
 * without a token (401), and with a made-up device token (401, after one question to token-service whose answer the
 * introspection cache then gives). They cross what a device's request crosses up to the token check: the HTTP
 * codec, the router, body reading, the REST layer's dispatch, the exception mappers and the JSON envelope. Kafka's
 * producer and the token cache's hit path are what they do not reach.
 * <p>
 * Readiness ({@code warm-up}) is DOWN until the requests are done, {@link WarmUpConfig#maxDuration()} has passed,
 * or they failed — a warm-up never keeps a service out of service. Kubernetes sends traffic by readiness; the local
 * gateway sends it as soon as the port is open, so locally the warm-up only shortens the cold period.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final String DATA = "[{\"variable\":\"payload\",\"value\":\"0109611395a00b1c000000ff\"}]";

    private final WarmUpConfig config;
    private final Vertx vertx;
    private final ValueRegistry values;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();
    private volatile long startedAt;
    private volatile String outcome;

    WarmUp(WarmUpConfig config, Vertx vertx, ValueRegistry values) {
        this.config = config;
        this.vertx = vertx;
        this.values = values;
        if (config.requests() == 0) {
            outcome = "off (hexgate.warm-up.requests=0)";
        }
    }

    void onHttpServerStart(@ObservesAsync HttpServerStart start) {
        if (outcome != null) {
            return;
        }
        startedAt = System.nanoTime();
        int port = values.get(HttpServer.HTTP_PORT);
        OwnPortRequests client = new OwnPortRequests(vertx, port, config.concurrency());
        List<RequestOptions> kinds = requestKinds();
        AtomicInteger sent = new AtomicInteger();
        long deadline = System.nanoTime() + config.maxDuration().toNanos();
        AtomicInteger lanes = new AtomicInteger(config.concurrency());
        for (int lane = 0; lane < config.concurrency(); lane++) {
            next(client, kinds, sent, deadline, lanes);
        }
    }

    /** One lane: a request, then the next once it is answered, until the count or the time is spent. */
    private void next(OwnPortRequests client, List<RequestOptions> kinds, AtomicInteger sent, long deadline, AtomicInteger lanes) {
        int n = sent.getAndIncrement();
        if (n >= config.requests() || System.nanoTime() > deadline || outcome != null) {
            if (lanes.decrementAndGet() == 0) {
                client.close();
                finish(n >= config.requests() ? "done" : "stopped at its time limit");
            }
            return;
        }
        RequestOptions kind = kinds.get(n % kinds.size());
        Future<Integer> status = client.status(kind, kind.getMethod() == HttpMethod.POST ? Buffer.buffer(DATA) : null);
        status.onComplete(result -> {
            if (result.failed()) {
                client.close();
                finish("stopped: " + result.cause());
                return;
            }
            answered.incrementAndGet();
            if (result.result() != 401) {
                unexpected.incrementAndGet();
            }
            next(client, kinds, sent, deadline, lanes);
        });
    }

    private List<RequestOptions> requestKinds() {
        String madeUp = UUID.randomUUID().toString(); // no such token: token-service is asked once, then the cache answers
        return List.of(
                post("/data"),
                post("/data").putHeader("Device-Token", madeUp),
                post("/integration/network/data"),
                new RequestOptions().setMethod(HttpMethod.GET).setURI("/data?variable=temperature&qty=1"));
    }

    private static RequestOptions post(String path) {
        return new RequestOptions().setMethod(HttpMethod.POST).setURI(path).putHeader("Content-Type", "application/json");
    }

    private synchronized void finish(String how) {
        if (outcome != null) {
            return;
        }
        outcome = how;
        long millis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
        LOG.infof("warm-up %s: %d requests answered in %d ms%s", how, answered.get(), millis,
                unexpected.get() == 0 ? "" : " (" + unexpected.get() + " not answered 401)");
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(outcome != null)
                .withData("answered", answered.get()).withData("of", config.requests())
                .withData("answered other than 401", unexpected.get())
                .withData("outcome", outcome == null ? "running" : outcome).build();
    }
}
