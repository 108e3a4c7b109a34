package io.hexgate.parser.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.parser.support.Parsers;
import io.hexgate.parser.support.Registry;
import io.hexgate.parser.support.StoredPoints;
import io.hexgate.parser.support.Uplinks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A burst of uplinks of one device that the cache does not know yet — a restarted worker's backlog — asks
 * network-service once per entity, not once per uplink: asked once per uplink, thousands of requests queued past
 * their timeout and were all asked again, and a restarted worker stored nothing for 16 s. parser-worker reaches the
 * real network-service through a relay here that counts what it is asked and answers each request 300 ms late, so
 * that the burst's look-ups overlap as they do on a busy machine.
 */
@QuarkusTest
@TestProfile(RegistryLookupCoalescingTest.NoChangeEvents.class)
@WithTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"),
        @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "network-service") })
class RegistryLookupCoalescingTest {

    /**
     * The registry's change events would fill the cache as the test creates its entities, at a moment no test can
     * know: here the cache learns only by asking, as a restarted worker's does for what changed before it started.
     */
    public static class NoChangeEvents implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.registry-changes.enabled", "false");
        }
    }

    private static final String OWNER = "coalescing-alice";
    private static final int BURST = 100;
    /** What the network and connector parsers make of one uplink. */
    private static final long POINTS = 8;
    private static Uplinks uplinks;
    private static CountingRelay relay;

    @Inject
    Pool database;

    @BeforeAll
    static void setUp() throws IOException {
        uplinks = new Uplinks();
        URI away = URI.create(ConfigProvider.getConfig().getValue("hexgate.network-service.url", String.class));
        URI real = URI.create(ConfigProvider.getConfig().getValue(RealInfrastructure.testUrlOf("network-service"), String.class));
        relay = new CountingRelay(away.getPort(), real, Duration.ofMillis(300));
    }

    @AfterAll
    static void tearDown() {
        uplinks.close();
        relay.close();
    }

    private long points(String device) {
        return StoredPoints.count(database, device);
    }

    @Test
    void aBurstOfUplinksOfAnUnknownDeviceAsksTheRegistryOncePerEntity() {
        String network = Registry.network(OWNER, Parsers.TTN_NETWORK);
        String connector = Registry.connector(OWNER, network, Parsers.SENSOR_CONNECTOR);
        String device = Registry.device(OWNER, network, connector, null, null);
        String profile = ProfileTokens.profileId(OWNER);
        String body = Parsers.ttnUplink("70B3D57ED00000CC");
        List<ObjectNode> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(Uplinks.deviceUplink(device, network, profile, "application/json", body));
        }
        uplinks.sendAll(burst);

        await().atMost(Duration.ofSeconds(90)).until(() -> points(device) == POINTS * BURST);
        assertThat(relay.asked("/internal/registry/device/" + device))
                .as("requests for the device").isEqualTo(1);
        assertThat(relay.asked("/internal/registry/network/" + network)).as("requests for the network").isEqualTo(1);
        assertThat(relay.asked("/internal/registry/connector/" + connector)).as("requests for the connector").isEqualTo(1);
    }

    /** The real network-service where parser-worker looks for it: each request counted by path and answered late. */
    private static final class CountingRelay implements AutoCloseable {

        private static final Set<String> NOT_COPIED = Set.of("host", "connection", "content-length", "expect", "upgrade",
                "transfer-encoding", "keep-alive");

        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final URI target;
        private final Duration delay;
        private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

        CountingRelay(int port, URI target, Duration delay) throws IOException {
            this.target = target;
            this.delay = delay;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::relay);
            server.start();
        }

        private void relay(HttpExchange exchange) throws IOException {
            try (exchange) {
                asked.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(delay);
                HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                                exchange.getRequestBody().readAllBytes()));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!NOT_COPIED.contains(name.toLowerCase())) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().map().forEach((name, values) -> {
                    if (!NOT_COPIED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] answer = response.body();
                exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int asked(String path) {
            AtomicInteger count = asked.get(path);
            return count == null ? 0 : count.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
