package io.hexgate.network.parser;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a stored parser may be (SPEC §4); checked at start ({@link ParserLimitsCheck}). */
@ConfigMapping(prefix = "hexgate.parser")
public interface ParserLimits {

    /**
     * The largest parser source, in bytes of UTF-8: 256 kB by default (real codecs after transpiling exceed 64 kB);
     * 1 kB to 512 kB, as a registry change carrying it must fit one Kafka record (1 MB).
     */
    @WithDefault("262144")
    int maxSourceBytes();
}
