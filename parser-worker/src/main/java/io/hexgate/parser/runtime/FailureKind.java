package io.hexgate.parser.runtime;

/** Why a stage produced no usable output; the label of the {@code hexgate_parser_errors_total} metric. */
public enum FailureKind {
    /** Over its wall-clock budget: stopped by the watchdog. */
    TIMEOUT("timeout"),
    /** Threw, or did not compile. */
    SCRIPT_ERROR("script_error"),
    /** Left something that is not an array of valid data. */
    INVALID_OUTPUT("invalid_output"),
    /** Ran more statements than allowed, or exhausted memory. */
    RESOURCE_LIMIT("resource_limit"),
    /** Not run: it kept timing out and is quarantined. */
    QUARANTINED("quarantined");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
