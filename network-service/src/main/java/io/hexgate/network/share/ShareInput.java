package io.hexgate.network.share;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.hexgate.common.api.IdFormat;

/** {@code {"profile": id}}: who to share with. */
public record ShareInput(@Schema(maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN) String profile) {
}
