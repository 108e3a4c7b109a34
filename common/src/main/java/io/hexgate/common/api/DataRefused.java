package io.hexgate.common.api;

import io.vertx.pgclient.PgException;

/**
 * Whether PostgreSQL refused a statement for the data it carried — a data exception (class 22: U+0000 in text,
 * a value out of range), an integrity violation (class 23) or a program limit (class 54: an index row too large)
 * — so the same record will be refused every time: a consumer dead-letters it and goes on instead of retrying it
 * for ever. Outages ({@link ConnectionLoss}) and everything else are not this.
 */
public final class DataRefused {

    private DataRefused() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && refusedData(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** One line for a dead-letter reason: PostgreSQL's message and its SQLSTATE. */
    public static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return "PostgreSQL refused the data: " + pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")";
            }
        }
        return "PostgreSQL refused the data: " + failure.getMessage();
    }

    private static boolean refusedData(String state) {
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }
}
