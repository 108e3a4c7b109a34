package io.hexgate.parser.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The built-in networks' parsers (network-service/src/main/resources/builtin-networks/, docs/networks/) run on every
 * webhook of every profile: none may take the runtime's slow path. A source is exotic — its output read by
 * descriptors, about twice as slow — when the words get, set or eval appear anywhere in it, comments and strings
 * included (JsEngine.exoticSource); "or set its uplink message path" in an error message made The Things Stack's so.
 */
class BuiltInNetworkParsersTest {

    private static final Path SOURCES = Path.of("../network-service/src/main/resources/builtin-networks");

    @Test
    void noBuiltInNetworkParserIsExoticOrACodec() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(SOURCES)) {
            files = listed.filter(file -> file.toString().endsWith(".js")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            String source = Files.readString(file);
            assertThat(JsEngine.exoticSource(source)).as(file + " is exotic").isFalse();
            assertThat(JsEngine.flags(source) & JsEngine.CODEC).as(file + " names a codec entry point").isZero();
        }
    }
}
