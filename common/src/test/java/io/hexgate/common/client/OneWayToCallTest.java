package io.hexgate.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A service calls another only through {@link ServiceClients} (STYLE: seams): no JDK or Vert.x HTTP client, no
 * client built by hand, no {@code @RegisterRestClient} with a URL of its own, in any service's main code.
 */
class OneWayToCallTest {

    private static final List<String> FORBIDDEN = List.of("java.net.http", "io.vertx.ext.web.client",
            "io.vertx.core.http.HttpClient", "RegisterRestClient", "QuarkusRestClientBuilder", "RestClientBuilder");
    private static final Path CLIENT_LAYER = Path.of("common", "src", "main", "java", "io", "hexgate", "common", "client");
    private static final List<String> SERVICES = List.of("network-service", "token-service", "ingest-service", "parser-worker");

    @Test
    void noMainCodeOutsideTheClientLayerMakesAnHttpCallOfItsOwn() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String service : SERVICES) {
            assertTrue(Files.isDirectory(root.resolve(service).resolve("src/main/java")), "the check must see " + service);
        }
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root, 12)) {
            offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> root.relativize(file).toString().matches("[a-z-]+/src/main/java/.*"))
                    .filter(file -> !root.relativize(file).startsWith(CLIENT_LAYER))
                    .filter(file -> FORBIDDEN.stream().anyMatch(read(file)::contains))
                    .map(file -> root.relativize(file).toString()).sorted().toList();
        }
        assertEquals(List.of(), offenders, "HTTP calls of their own (use ServiceClients)");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
