package io.hexgate.common.contract;

import java.util.regex.Pattern;

/**
 * A Kafka topic's name, as Kafka allows one: 1–249 characters of ASCII letters, digits, {@code .}, {@code _} and
 * {@code -}, and neither {@code .} nor {@code ..}. Read from configuration ({@link Topics}), so a name the broker
 * would refuse stops the service at start instead of at its first send.
 */
public record TopicName(String value) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicName {
        if (value == null || !LEGAL.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("'" + value + "' is no Kafka topic name: 1–249 characters of a-z, A-Z, 0-9,"
                    + " '.', '_' and '-', and not '.' or '..'");
        }
    }

    /** The name as configured (SmallRye Config converts a configured text through this). */
    public static TopicName of(String value) {
        return new TopicName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
