package io.hexgate.common.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another Hexgate service, run from its packaged jar as a real process beside the service under test, on the
 * same test database, broker and keys (a service's tests that need token-service talk to the real one). The
 * reactor builds it first; {@code deploy/local/hexgate test} runs the whole reactor.
 */
final class CompanionService {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private CompanionService(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code ../name/target/quarkus-app/quarkus-run.jar} with {@code config} and waits until it is ready. */
    static CompanionService start(String name, Map<String, String> config) {
        Path jar = Path.of("..", name, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(name + " is not packaged at " + jar
                    + "; run the whole build (deploy/local/hexgate test) so the reactor packages it first");
        }
        int port = freePort();
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve(name + "-companion.log");
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:+UseSerialGC"));
            Path jvmci = Path.of("..", name, "target", "jvmci").toAbsolutePath().normalize();
            if (Files.isDirectory(jvmci)) {
                // parser-worker: the optimizing JavaScript runtime, as the runner and the images start it.
                command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                        "--upgrade-module-path=" + jvmci, "--enable-native-access=ALL-UNNAMED"));
            }
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-jar", jar.toString()));
            Process process = new ProcessBuilder(command).directory(new File(jar.getParent().toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            CompanionService companion = new CompanionService(name, process, port, log);
            companion.awaitReady(Duration.ofSeconds(60));
            return companion;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log.toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
