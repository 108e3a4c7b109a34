package io.hexgate.network.share;

/** {@code {"profile": id}}: who to share with. */
public record ShareInput(String profile) {
}
