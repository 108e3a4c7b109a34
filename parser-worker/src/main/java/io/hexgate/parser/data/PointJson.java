package io.hexgate.parser.data;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;

/** A stored data point as the API and {@code hexgate.device.data} show it (TagoIO's shape). */
public final class PointJson {

    private PointJson() {
    }

    /**
     * Writes the point as one JSON object. Streamed, not built as a tree first: {@code hexgate.device.data} writes
     * every stored point, and the tree's maps were a tenth of parser-worker's event loop (JFR).
     */
    public static void write(JsonGenerator out, DataPoint point) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", point.id());
        out.writeStringField("device", point.device());
        out.writeStringField("variable", point.variable());
        out.writeFieldName("value");
        switch (point.value()) {
            case Double d -> out.writeNumber(d);
            case Boolean b -> out.writeBoolean(b);
            case null -> out.writeNull();
            default -> out.writeString(point.value().toString());
        }
        if (point.unit() != null) {
            out.writeStringField("unit", point.unit());
        }
        out.writeStringField("group", point.group());
        out.writeStringField("time", point.time().toString());
        if (point.lng() != null) {
            out.writeObjectFieldStart("location");
            out.writeStringField("type", "Point");
            out.writeArrayFieldStart("coordinates");
            out.writeNumber(point.lng());
            out.writeNumber(point.lat());
            out.writeEndArray();
            out.writeEndObject();
        }
        if (point.metadataJson() != null) {
            // Already JSON (UplinkPoints wrote it): written as is, not parsed again for every point.
            out.writeFieldName("metadata");
            out.writeRawValue(point.metadataJson());
        }
        if (point.serial() != null) {
            out.writeStringField("serial", point.serial());
        }
        out.writeStringField("created_at", point.createdAt().toString());
        out.writeEndObject();
    }

    /** The point as a tree, for an answer that edits it. */
    public static ObjectNode of(ObjectMapper json, DataPoint point) {
        try (TokenBuffer tokens = new TokenBuffer(json, false)) {
            write(tokens, point);
            return json.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
