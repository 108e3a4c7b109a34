package io.hexgate.network.share;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {"profile": id}}: who to share with. */
public record ShareInput(@Schema(maxLength = 24, pattern = "[0-9a-f]{24}") String profile) {
}
