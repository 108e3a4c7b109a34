package io.hexgate.parser.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/** A stored data point as the API and {@code hexgate.device.data} show it (TagoIO's shape). */
public final class PointJson {

    private PointJson() {
    }

    public static ObjectNode of(ObjectMapper json, DataPoint point) {
        ObjectNode node = json.createObjectNode();
        node.put("id", point.id());
        node.put("device", point.device());
        node.put("variable", point.variable());
        switch (point.value()) {
            case Double d -> node.put("value", d);
            case Boolean b -> node.put("value", b);
            case null -> node.putNull("value");
            default -> node.put("value", point.value().toString());
        }
        if (point.unit() != null) {
            node.put("unit", point.unit());
        }
        node.put("group", point.group());
        node.put("time", point.time().toString());
        if (point.lng() != null) {
            ObjectNode location = node.putObject("location");
            location.put("type", "Point");
            location.putArray("coordinates").add(point.lng()).add(point.lat());
        }
        if (point.metadataJson() != null) {
            // Already JSON (UplinkPoints wrote it): written as is, not parsed again for every point.
            node.putRawValue("metadata", new RawValue(point.metadataJson()));
        }
        if (point.serial() != null) {
            node.put("serial", point.serial());
        }
        node.put("created_at", point.createdAt().toString());
        return node;
    }
}
