package io.hexgate.parser.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hexgate.common.time.TagoTime;

/**
 * Turns a parser run's output into data points (SPEC §2.8 and §4): variables lowercased, {@code time}
 * defaulted to when the uplink was received, one generated {@code group} per uplink where none is given,
 * locations stored as GeoJSON, the limits checked. An item that breaks a rule becomes a {@code parse_error}
 * point naming the field, the value and the rule; the good items are kept. Output that is not an array of
 * data becomes one {@code parse_error} point holding the raw payload.
 */
public final class UplinkPoints {

    public static final int MAX_VARIABLE = 100;
    public static final int MAX_STRING_VALUE = 6 * 1024;
    public static final int MAX_UNIT = 25;
    public static final int MAX_GROUP = 100;
    public static final int MAX_METADATA = 10 * 1024;
    public static final int MAX_SERIAL = 100;
    private static final Instant EARLIEST_STORED = Instant.parse("-4712-01-01T00:00:00Z");
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s*?!<>.\\-=$]");

    private final ObjectMapper json;
    private final String uplinkId;
    private final String device;
    private final Instant receivedAt;
    private final String rawPayload;
    private final String defaultGroup;

    /**
     * @param rawPayload the body as received, kept in the metadata of parse errors so nothing is lost
     */
    public UplinkPoints(ObjectMapper json, String uplinkId, String device, Instant receivedAt, String rawPayload) {
        this.json = json;
        this.uplinkId = uplinkId;
        this.device = device;
        this.receivedAt = receivedAt;
        this.rawPayload = rawPayload;
        this.defaultGroup = DataPoint.idOf(uplinkId, receivedAt, -1);
    }

    /** The uplink's group where an item names none: its id, so one uplink's points read back together. */
    public String defaultGroup() {
        return defaultGroup;
    }

    /**
     * The points of a run's output.
     *
     * @param outputJson the final payload, as JSON
     * @param maxPoints  how many points one uplink may yield
     * @param owner      which stage and parser produced it, for the metadata of parse errors
     */
    public Result fromOutput(String outputJson, int maxPoints, Map<String, String> owner) {
        JsonNode output;
        try {
            output = json.readTree(outputJson);
        } catch (JsonProcessingException e) {
            return Result.invalid(parseError(0, "the parser output is not JSON: " + e.getOriginalMessage(), owner));
        }
        if (output.isObject() && output.has("$error")) {
            return Result.invalid(parseError(0, output.get("$error").asText(), owner));
        }
        if (!output.isArray()) {
            return Result.invalid(parseError(0, "the payload must end as an array of data; it is "
                    + describe(output) + ". Parse the raw payload into [{variable, value, …}]", owner));
        }
        if (output.size() > maxPoints) {
            return Result.invalid(parseError(0, "the payload holds " + output.size() + " data; at most " + maxPoints
                    + " are stored per uplink", owner));
        }
        List<DataPoint> points = new ArrayList<>(output.size());
        List<String> errors = new ArrayList<>();
        for (int index = 0; index < output.size(); index++) {
            JsonNode item = output.get(index);
            try {
                points.add(point(index, item));
            } catch (InvalidItem e) {
                String message = "item " + index + ": " + e.getMessage();
                errors.add(message);
                points.add(parseError(index, message, owner, item));
            }
        }
        return new Result(points, errors, false);
    }

    /** A {@code parse_error} point for a failed run: the message, who failed, the raw payload. */
    public DataPoint parseError(int index, String message, Map<String, String> owner) {
        return parseError(index, message, owner, null);
    }

    private DataPoint parseError(int index, String message, Map<String, String> owner, JsonNode item) {
        ObjectNode metadata = json.createObjectNode();
        owner.forEach(metadata::put);
        // PostgreSQL stores no U+0000: such a raw payload is kept whole as base64, such an item as its JSON text.
        if (rawPayload != null && rawPayload.indexOf('\u0000') >= 0) {
            metadata.put("raw_base64", Base64.getEncoder().encodeToString(rawPayload.getBytes(StandardCharsets.UTF_8)));
        } else {
            metadata.put("raw", rawPayload);
        }
        if (item != null) {
            if (holdsNul(item)) {
                metadata.put("item", item.toString());
            } else {
                metadata.set("item", item);
            }
        }
        String readable = message.replace('\u0000', '\uFFFD');
        String value = readable.length() > MAX_STRING_VALUE ? readable.substring(0, MAX_STRING_VALUE) : readable;
        return new DataPoint(DataPoint.idOf(uplinkId, receivedAt, index), device, DataPoint.PARSE_ERROR, value, null,
                defaultGroup, receivedAt, null, null, metadata.toString(), null, receivedAt);
    }

    private DataPoint point(int index, JsonNode item) throws InvalidItem {
        if (!item.isObject()) {
            throw new InvalidItem("must be a data object {variable, value, …}; it is " + describe(item));
        }
        String variable = variable(item.get("variable"));
        Object value = value(item.get("value"));
        String unit = text(item, "unit", MAX_UNIT);
        String group = text(item, "group", MAX_GROUP);
        Instant time = time(item.get("time"));
        double[] location = location(item.get("location"));
        String metadata = metadata(item.get("metadata"));
        String serial = text(item, "serial", MAX_SERIAL);
        return new DataPoint(DataPoint.idOf(uplinkId, receivedAt, index), device, variable, value, unit,
                group == null ? defaultGroup : group, time == null ? receivedAt : time,
                location == null ? null : location[0], location == null ? null : location[1], metadata, serial,
                receivedAt);
    }

    private static String variable(JsonNode node) throws InvalidItem {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            throw new InvalidItem("variable is required");
        }
        if (!node.isTextual()) {
            throw new InvalidItem("variable must be a string; it is " + describe(node));
        }
        storable("variable", node.asText());
        String variable = node.asText().toLowerCase(Locale.ROOT);
        if (variable.length() > MAX_VARIABLE) {
            throw new InvalidItem("variable '" + clip(variable) + "' is " + variable.length() + " characters; at most "
                    + MAX_VARIABLE);
        }
        if (FORBIDDEN.matcher(variable).find()) {
            throw new InvalidItem("variable '" + clip(variable) + "' may not contain spaces nor any of * ? ! < > . - = $");
        }
        return variable;
    }

    public static Object value(JsonNode node) throws InvalidItem {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            String value = storable("value", node.asText());
            if (value.length() > MAX_STRING_VALUE) {
                throw new InvalidItem("value is a string of " + value.length() + " characters; at most "
                        + MAX_STRING_VALUE + " (6 kB)");
            }
            return value;
        }
        throw new InvalidItem("value must be a string, a number or a boolean, never " + describe(node)
                + "; put structured values in metadata");
    }

    public static String text(JsonNode item, String field, int max) throws InvalidItem {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw new InvalidItem(field + " must be a string; it is " + describe(node));
        }
        String text = storable(field, node.asText());
        if (text.length() > max) {
            throw new InvalidItem(field + " '" + clip(text) + "' is " + text.length() + " characters; at most " + max);
        }
        return text.isEmpty() ? null : text;
    }

    /** ISO-8601 (an offset or Z; without one, UTC) or Unix epoch milliseconds; not before 4713 BC (PostgreSQL's first). */
    public static Instant time(JsonNode node) throws InvalidItem {
        Instant time = anyTime(node);
        if (time != null && time.isBefore(EARLIEST_STORED)) {
            throw new InvalidItem("time " + time + " is before 4713 BC, the earliest time that can be stored");
        }
        return time;
    }

    private static Instant anyTime(JsonNode node) throws InvalidItem {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            double ms = node.asDouble();
            if (!Double.isFinite(ms) || Math.abs(ms) > 8.64e15) {
                throw new InvalidItem("time " + node.asText() + " is out of range (Unix epoch milliseconds)");
            }
            return Instant.ofEpochMilli((long) ms);
        }
        if (!node.isTextual()) {
            throw new InvalidItem("time must be an ISO-8601 string or Unix epoch milliseconds; it is " + describe(node));
        }
        String text = node.asText().strip();
        return TagoTime.parseIso(text).orElseThrow(() -> new InvalidItem("time '" + clip(text)
                + "' is not ISO-8601 (e.g. 2026-01-31T12:00:00Z) nor epoch milliseconds"));
    }

    /** {lat, lng} or a GeoJSON Point; returns {lng, lat}. */
    public static double[] location(JsonNode node) throws InvalidItem {
        if (node == null || node.isNull()) {
            return null;
        }
        double lat;
        double lng;
        if (node.has("coordinates")) {
            JsonNode coordinates = node.get("coordinates");
            if (!"Point".equals(node.path("type").asText("Point")) || !coordinates.isArray() || coordinates.size() < 2
                    || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
                throw new InvalidItem("location must be {lat, lng} or a GeoJSON Point {type: 'Point', coordinates: [lng, lat]}");
            }
            lng = coordinates.get(0).asDouble();
            lat = coordinates.get(1).asDouble();
        } else if (node.path("lat").isNumber() && node.path("lng").isNumber()) {
            lat = node.get("lat").asDouble();
            lng = node.get("lng").asDouble();
        } else {
            throw new InvalidItem("location must be {lat, lng} with numbers or a GeoJSON Point; it is " + clip(node.toString()));
        }
        if (lat < -90 || lat > 90) {
            throw new InvalidItem("location latitude " + lat + " is outside -90..90");
        }
        if (lng < -180 || lng > 180) {
            throw new InvalidItem("location longitude " + lng + " is outside -180..180");
        }
        return new double[] { lng, lat };
    }

    public static String metadata(JsonNode node) throws InvalidItem {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidItem("metadata must be an object; it is " + describe(node));
        }
        String text = node.toString();
        if (text.length() > MAX_METADATA) {
            throw new InvalidItem("metadata is " + text.length() + " bytes as JSON; at most " + MAX_METADATA + " (10 kB)");
        }
        if (text.contains("\\u0000") && holdsNul(node)) {
            throw new InvalidItem("metadata holds the character U+0000 (NUL), which cannot be stored");
        }
        return text;
    }

    /** The text itself, unless it holds U+0000, which PostgreSQL cannot store (the message does not quote it). */
    private static String storable(String field, String text) throws InvalidItem {
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidItem(field + " holds the character U+0000 (NUL) at position " + (text.indexOf('\u0000') + 1)
                    + ", which cannot be stored");
        }
        return text;
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\u0000') >= 0;
        }
        for (var fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().indexOf('\u0000') >= 0 || holdsNul(field.getValue())) {
                return true;
            }
        }
        for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
            if (holdsNul(element)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the string '" + clip(node.asText()) + "'";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node.asText();
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** The points of one output; {@code invalid} when the whole output was rejected. */
    public record Result(List<DataPoint> points, List<String> itemErrors, boolean invalid) {
        static Result invalid(DataPoint parseError) {
            return new Result(List.of(parseError), List.of(), true);
        }

        public boolean hasErrors() {
            return invalid || !itemErrors.isEmpty();
        }
    }

    /** An item that breaks a rule of SPEC §2.8; the message names the field, the value and the rule. */
    public static final class InvalidItem extends Exception {
        InvalidItem(String message) {
            super(message, null, false, false);
        }
    }
}
