package io.hexgate.parser.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hexgate.common.testing.ProfileTokens;
import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.TopicReader;
import io.hexgate.parser.support.Parsers;
import io.hexgate.parser.support.Registry;
import io.hexgate.parser.support.StoredPoints;
import io.hexgate.parser.support.Uplinks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A registry look-up that meets network-service away is waited out, never dead-lettered and never lost (SPEC §6:
 * only a dependency away is retried): a network-level uplink needs network-service to tell the device of its serial.
 * parser-worker is told network-service is at a port where nothing answers; the real network-service runs beside it,
 * and "coming back" is a plain TCP relay opened on that port to it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service,network-service"),
        @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "network-service") })
class RegistryOutageTest {

    private static final String OWNER = "outage-alice";
    private static Uplinks uplinks;
    private static TopicReader deadLetters;

    @Inject
    Pool database;

    @BeforeAll
    static void setUp() {
        uplinks = new Uplinks();
        deadLetters = new TopicReader("uplink-dlq");
    }

    @AfterAll
    static void tearDown() {
        uplinks.close();
        deadLetters.close();
    }

    private long points(String device) {
        return StoredPoints.count(database, device);
    }

    @Test
    void anUplinkWhoseDeviceLookUpMeetsNetworkServiceAwayIsStoredOnceItIsBack() throws Exception {
        String network = Registry.network(OWNER, Parsers.TTN_NETWORK);
        String connector = Registry.connector(OWNER, network, Parsers.SENSOR_CONNECTOR);
        String device = Registry.device(OWNER, network, connector, null, "70B3D57ED00000AA");
        ObjectNode uplink = Uplinks.networkUplink(network, ProfileTokens.profileId(OWNER), Parsers.ttnUplink("70B3D57ED00000AA"));

        uplinks.send(uplink);

        // away: the uplink waits — nothing stored, nothing dead-lettered
        String uplinkId = uplink.get("id").asText();
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < until) {
            assertThat(points(device)).isZero();
            assertThat(deadLetters.poll()).noneMatch(r -> r.value() != null && r.value().contains(uplinkId));
            Thread.sleep(500);
        }

        URI away = URI.create(ConfigProvider.getConfig().getValue("hexgate.network-service.url", String.class));
        URI real = URI.create(ConfigProvider.getConfig().getValue(RealInfrastructure.testUrlOf("network-service"), String.class));
        try (Relay back = new Relay(away.getPort(), real.getPort())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> points(device) == 8);
        }
        assertThat(deadLetters.poll()).noneMatch(r -> r.value() != null && r.value().contains(uplinkId));
    }

    /** Bytes from a local port to another, both ways: the real network-service reachable where parser-worker looks. */
    private static final class Relay implements AutoCloseable {

        private final ServerSocket server;

        Relay(int from, int to) throws IOException {
            server = new ServerSocket(from, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), to);
                        Thread.ofVirtual().start(() -> pipe(in, out));
                        Thread.ofVirtual().start(() -> pipe(out, in));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void pipe(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException gone) {
                // either side closed
            } finally {
                for (Socket socket : List.of(from, to)) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
