package io.hexgate.common.api;

/**
 * The limit on a parser's source (SPEC §4), the same in network-service (stored parsers) and parser-worker
 * ({@code /parser/run}): {@code hexgate.parser.max-source-bytes}, 256 kB of UTF-8 by default — real codecs after
 * transpiling exceed 64 kB — and at most 512 kB, as a registry change carrying the parser must fit one Kafka record.
 */
public final class ParserSourceLimit {

    /** The default, in bytes of UTF-8. */
    public static final int DEFAULT_BYTES = 256 * 1024;
    /** The least and the most an operator may set. */
    public static final int LEAST_BYTES = 1024;
    public static final int MOST_BYTES = 512 * 1024;

    private ParserSourceLimit() {
    }

    /** Refuses a limit outside its range, naming the setting, its value and the rule (checked at start). */
    public static void check(int bytes) {
        if (bytes < LEAST_BYTES || bytes > MOST_BYTES) {
            throw new IllegalArgumentException("hexgate.parser.max-source-bytes is " + bytes
                    + ": a parser's source limit must be between " + LEAST_BYTES + " and " + MOST_BYTES
                    + " bytes (a registry change carrying the parser must fit one Kafka record)");
        }
    }

    /** What a field error says of a source over the limit. */
    public static String tooLarge(int size, int bytes) {
        return "the parser source is " + size + " bytes; at most " + bytes + " (" + bytes / 1024 + " kB) are allowed";
    }
}
