package io.hexgate.parser.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
            try {
                node.set("metadata", json.readTree(point.metadataJson()));
            } catch (Exception e) {
                node.put("metadata", point.metadataJson());
            }
        }
        if (point.serial() != null) {
            node.put("serial", point.serial());
        }
        node.put("created_at", point.createdAt().toString());
        return node;
    }
}
