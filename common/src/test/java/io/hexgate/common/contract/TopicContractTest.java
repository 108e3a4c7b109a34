package io.hexgate.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The topic records of the contract: what a producer writes with a record's {@code toJson()} the consumer reads back
 * with its {@code fromJson()} unchanged, a value no consumer can use is refused with a reason naming what is wrong
 * (the consumer dead-letters it), and docs/kafka-contract.md names exactly the fields the records carry.
 */
class TopicContractTest {

    private static final Map<String, Class<? extends Record>> VALUES = Map.of(
            "hexgate.uplink.raw", RawUplink.class,
            "hexgate.registry.changes", RegistryChange.class,
            "hexgate.device.inspector", InspectorEvent.class,
            "hexgate.device.data", DeviceData.class);

    @Test
    void anUplinkWrittenByIngestIsReadByParserWorkerUnchanged() {
        RawUplink device = new RawUplink("6790a1b2c3d4e5f601234567", Instant.parse("2026-12-02T01:30:00.123456Z"),
                "0123456789abcdef01234567", "89abcdef0123456789abcdef", "fedcba9876543210fedcba98", "p-1",
                "application/json", false, "[{\"variable\":\"t\",\"value\":\"\\u0000 ☃ \\\"q\\\"\"}]\n\u0000", true, null);
        RawUplink networkLevel = new RawUplink("6790a1b2c3d4e5f601234568", Instant.now(), null, "89abcdef0123456789abcdef",
                null, "p-2", "text/plain", true, "", false, "70B3D57ED005E1A2");

        assertEquals(device, RawUplink.fromJson(device.toJson()));
        assertEquals(networkLevel, RawUplink.fromJson(networkLevel.toJson()));
        assertTrue(networkLevel.toJson().contains("\"serial\":\"70B3D57ED005E1A2\""), networkLevel.toJson());
        assertFalse(device.toJson().contains("serial"), "no serial, no field: " + device.toJson());
        assertTrue(device.toJson().contains("\"received_at\":\"2026-12-02T01:30:00.123456Z\""), device.toJson());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json                                                                                   | not a JSON uplink envelope",
            "[1]                                                                                        | not a JSON uplink envelope",
            "{\"received_at\":\"2026-01-01T00:00:00Z\",\"network\":\"n\",\"profile\":\"p\",\"device\":\"d\",\"body\":\"\"} | no id",
            "{\"id\":\"u\",\"received_at\":\"2026-01-01T00:00:00Z\",\"network\":\"n\",\"profile\":\"p\",\"body\":\"\"} | no device and is not a network-level uplink",
            "{\"id\":\"u\",\"received_at\":\"yesterday\",\"network\":\"n\",\"profile\":\"p\",\"device\":\"d\",\"body\":\"\"} | received_at is not an ISO-8601 instant",
            "{\"id\":\"u\",\"received_at\":\"2026-01-01T00:00:00Z\",\"network\":\"n\",\"profile\":\"p\",\"device\":\"d\",\"body\":7} | no body" })
    void anUplinkNoConsumerCanUseIsRefusedWithWhatIsWrong(String value, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RawUplink.fromJson(value));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @Test
    void aRegistryChangeWrittenByNetworkServiceIsReadByItsMirrorsUnchanged() {
        RegistryChange upsert = new RegistryChange("device", "upsert", "0123456789abcdef01234567", "p-1", 7,
                ContractJson.MAPPER.valueToTree(Map.of("id", "0123456789abcdef01234567", "serie_number", "AB-1",
                        "params", java.util.List.of(Map.of("key", "k", "value", "v", "sent", false)))));
        RegistryChange delete = new RegistryChange("network", "delete", "89abcdef0123456789abcdef", "p-1", 8, null);

        assertEquals(upsert, RegistryChange.fromJson(upsert.toJson()));
        assertEquals(delete, RegistryChange.fromJson(delete.toJson()));
        assertNull(RegistryChange.fromJson(delete.toJson()).entity());
        assertEquals("device:upsert", upsert.kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                                        | no type",
            "{\"type\":\"device\",\"op\":\"upsert\",\"id\":\"d\",\"version\":1}           | upserts device d without an entity",
            "{\"type\":\"device\",\"op\":\"delete\",\"id\":\"d\"}                         | no integral version",
            "{\"type\":\"device\",\"op\":\"delete\",\"id\":\"d\",\"version\":\"one\"}     | no integral version" })
    void aRegistryChangeNoMirrorCanApplyIsRefusedWithWhatIsWrong(String value, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RegistryChange.fromJson(value));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @Test
    void anInspectorEventIsWrittenWithTheContractsNames() {
        String written = InspectorEvent.of(null, "89abcdef0123456789abcdef", "u-1", "console", "warn", "hé \"x\"", null).toJson();
        assertTrue(written.contains("\"uplink_id\":\"u-1\""), written);
        assertTrue(written.contains("\"device\":null"), written);
        assertTrue(written.contains("\"message\":\"hé \\\"x\\\"\""), written);
    }

    @Test
    void storedPointsWrittenByParserWorkerAreReadUnchanged() {
        String points = "[{\"id\":\"p-1\",\"device\":\"0123456789abcdef01234567\",\"variable\":\"t\",\"value\":-2.5,"
                + "\"unit\":\"C\",\"metadata\":{\"raw\":\"ff\"},\"created_at\":\"2026-12-06T23:40:00Z\"}]";
        DeviceData data = new DeviceData("u-1", "0123456789abcdef01234567", "89abcdef0123456789abcdef",
                "fedcba9876543210fedcba98", "p-1", points);

        String written = data.toJson();

        assertEquals(data, DeviceData.fromJson(written));
        assertTrue(written.contains("\"data\":[{\"id\":\"p-1\""), "the points travel as an array, not a string: " + written);
        assertEquals(-2.5, DeviceData.fromJson(written).points().get(0).get("value").asDouble());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]                                                                                  | not a JSON device data record",
            "{\"uplink_id\":\"u\",\"device\":\"d\",\"network\":\"n\",\"profile\":\"p\"}                  | no data array",
            "{\"uplink_id\":\"u\",\"device\":\"d\",\"network\":\"n\",\"profile\":\"p\",\"data\":\"[]\"}     | no data array",
            "{\"device\":\"d\",\"network\":\"n\",\"profile\":\"p\",\"data\":[]}                       | no uplink_id" })
    void deviceDataNoConsumerCanUseIsRefusedWithWhatIsWrong(String value, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DeviceData.fromJson(value));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @Test
    void aDeadLetterKeepsTheInputAsItCameWithItsReason() {
        String envelope = new RawUplink("6790a1b2c3d4e5f601234567", Instant.parse("2026-12-06T23:40:00Z"),
                "0123456789abcdef01234567", "89abcdef0123456789abcdef", null, "p-1", "text/plain", false, "00ff", false,
                null).toJson();
        DeadLetter unknownDevice = new DeadLetter(envelope, "unknown device 0123456789abcdef01234567");
        DeadLetter notJson = new DeadLetter("this is not an envelope", "the record is not a JSON uplink envelope");
        DeadLetter noValue = new DeadLetter(null, "the record has no value");

        // an envelope stays an object, its fields where a consumer always finds them, the reason beside them
        assertTrue(unknownDevice.toJson().startsWith(envelope.substring(0, envelope.length() - 1) + ",\"reason\":"),
                unknownDevice.toJson());
        assertTrue(notJson.toJson().contains("\"record\":\"this is not an envelope\""), notJson.toJson());
        for (DeadLetter letter : java.util.List.of(unknownDevice, notJson, noValue)) {
            assertEquals(letter, DeadLetter.fromJson(letter.toJson()));
        }
        assertThrows(IllegalArgumentException.class, () -> DeadLetter.fromJson("{\"record\":\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> new DeadLetter("x", " "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = { "''", ".", "..", "hexgate uplink", "hexgate/uplink", "hexgaté", "NULL" })
    void aTopicNameKafkaWouldRefuseIsRefusedWithTheRule(String name) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TopicName.of(name));
        assertTrue(refused.getMessage().contains("is no Kafka topic name: 1–249 characters"), refused.getMessage());
    }

    @Test
    void theContractsTopicNamesAndLongOnesKafkaTakesAreNames() {
        for (String name : java.util.List.of("hexgate.uplink.raw", "hexgate.registry.dlq", "run_1-x.Y", "t".repeat(249))) {
            assertEquals(name, TopicName.of(name).toString());
        }
        assertThrows(IllegalArgumentException.class, () -> TopicName.of("t".repeat(250)));
    }

    /** The value column of docs/kafka-contract.md's table, `{a, b?, c}`, names the record's fields: no more, no fewer. */
    @Test
    void theContractDocumentNamesExactlyTheFieldsOfEachRecord() throws IOException {
        String document = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/kafka-contract.md"));
        VALUES.forEach((topic, type) -> {
            Matcher row = Pattern.compile("^\\| `" + Pattern.quote(topic) + "` \\|[^|]*\\| `\\{([^}]*)\\}`", Pattern.MULTILINE)
                    .matcher(document);
            assertTrue(row.find(), "docs/kafka-contract.md has a row for " + topic + " with its value's fields");
            Set<String> documented = Arrays.stream(row.group(1).split(",")).map(field -> field.strip().replace("?", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> carried = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .map(name -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(carried, documented, topic + ": the fields of " + type.getSimpleName() + " as documented");
        });
    }

    /** The DLQ's row says what its value is: the input object with `reason`, or `{record, reason}` for any other input. */
    @Test
    void theContractDocumentSaysWhatADeadLetterCarries() throws IOException {
        String document = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/kafka-contract.md"));
        Matcher row = Pattern.compile("^\\| `hexgate.uplink.dlq` \\|[^|]*\\|([^|]*)\\|", Pattern.MULTILINE).matcher(document);
        assertTrue(row.find(), "docs/kafka-contract.md has a row for hexgate.uplink.dlq");
        String fields = Arrays.stream(DeadLetter.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(", ", "`{", "}`"));
        assertTrue(row.group(1).contains(fields) && row.group(1).contains("`reason`"), "the row names " + fields + ": " + row.group(1));
    }
}
