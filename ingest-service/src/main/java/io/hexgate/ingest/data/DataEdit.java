package io.hexgate.ingest.data;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.hexgate.common.api.IdFormat;

/**
 * One item of {@code PUT /data} as the OpenAPI document describes it. The route reads the body as JSON and
 * parser-worker, which owns the data, applies the rules of {@code POST /data} (docs/ingest.md); this record only
 * names the fields it reads and their limits, so that a generated client sends what the route understands.
 */
@Schema(name = "DataEdit", description = "Only the fields given change; the rules of POST /data apply")
public record DataEdit(
        @Schema(required = true, maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN, description = "the data point to edit") String id,
        @Schema(description = "a string (at most 6,144 characters), a number or a boolean") Object value,
        @Schema(maxLength = 25) String unit,
        @Schema(maxLength = 100) String group,
        @Schema(description = "ISO-8601, or Unix epoch milliseconds") Object time,
        @Schema(type = SchemaType.OBJECT, description = "any JSON object, at most 10 kB as JSON") Object metadata,
        @Schema(type = SchemaType.OBJECT, description = "{lat, lng} or a GeoJSON Point") Object location) {
}
