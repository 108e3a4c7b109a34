package io.hexgate.network.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * network-service's packages depend one way (STYLE: seams): each only on packages of lower layers, so the import
 * graph has no cycle and no arrow back up — a device knows its network and connector; a network or a connector knows
 * its devices only through an interface of its own ({@code NetworkDevices}, {@code ConnectorDevices}) that the
 * device package implements. A new package must be given its layer here.
 */
class PackageLayersTest {

    /** Lowest first; a package may use the packages of the layers before its own. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("validation", "listing", "outbox", "parser", "parameter"),
            Set.of("serial"),
            Set.of("entity"),
            Set.of("share"),
            Set.of("network"),
            Set.of("connector"),
            Set.of("device"),
            Set.of("internal"));

    private static final Path SOURCES = Path.of("src/main/java/io/hexgate/network");
    private static final Pattern REFERENCE = Pattern.compile("io\\.hexgate\\.network\\.([a-z]+)\\.");

    @Test
    void everyPackageUsesOnlyPackagesOfLowerLayers() throws IOException {
        List<String> arrows = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file).getName(0).toString();
                packages.add(from);
                Matcher used = REFERENCE.matcher(read(file));
                while (used.find()) {
                    String to = used.group(1);
                    if (!to.equals(from) && layer(to) >= layer(from)) {
                        arrows.add(from + " -> " + to + " (" + SOURCES.relativize(file) + ")");
                    }
                }
            }
        }
        Set<String> placed = new TreeSet<>();
        LAYERS.forEach(placed::addAll);
        assertEquals(placed, packages, "every package of network-service has its layer, and only those exist");
        assertEquals(List.of(), arrows.stream().distinct().sorted().toList(), "arrows back up or sideways");
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return Integer.MAX_VALUE; // an unplaced package: the set comparison above names it
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
