package io.hexgate.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server of a test's own, on a free port, that the test may stop and start again (what the shared
 * Redis of the machine must never be). Found through {@code quarkus.redis.hosts} by the test.
 */
public final class PrivateRedis {

    private PrivateRedis() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts redis-server on {@code port} (daemonised, nothing persisted) and waits until it accepts connections. */
    public static void start(int port) {
        run(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "yes", "--dir", System.getProperty("java.io.tmpdir")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    /** Shuts the server on {@code port} down and waits until the port is closed. */
    public static void stop(int port) {
        run(List.of("redis-cli", "-p", String.valueOf(port), "shutdown", "nosave"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                sleep();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** The port of a {@code redis://host:port} URL. */
    public static int portOf(String redisUrl) {
        return Integer.parseInt(redisUrl.substring(redisUrl.lastIndexOf(':') + 1).replaceAll("/.*", ""));
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + " (is Redis installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
