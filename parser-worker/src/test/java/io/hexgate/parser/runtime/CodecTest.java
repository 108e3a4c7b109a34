package io.hexgate.parser.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Codecs of other ecosystems run unmodified as a connector's parser (SPEC §4, docs/codecs.md): a TS013 / The
 * Things Stack / ChirpStack v4 {@code decodeUplink(input)}, a ChirpStack v3 {@code Decode(fPort, bytes, variables)},
 * a TTN v2 {@code Decoder(bytes, port)} — on the uplink the network stage left, their data appended as points.
 */
class CodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = """
            {"id":"d00000000000000000000001","name":"Sensor","network":"n00000000000000000000001",
             "connector":"c00000000000000000000001","tags":[],
             "params":[{"key":"offset","value":"2","sent":false},{"key":"__proto__","value":"p","sent":false}]}""";
    /** What a LoRaWAN network stage leaves: the frame as hex, the port, a radio item, one group. */
    private static final String UPLINK = """
            [{"variable":"payload","value":"ff06e8030000447d5000","group":"g1","time":"2026-12-07T10:00:00.000Z"},
             {"variable":"fport","value":2,"group":"g1"},{"variable":"rx_rssi","value":-87,"group":"g1"}]""";

    @RegisterExtension
    static final TestRuntime RUNTIME = new TestRuntime();

    private static ParseOutcome run(String body, String... codes) {
        return Chains.run(RUNTIME.get(), DEVICE, Duration.ofSeconds(1), body, codes);
    }

    /** The output's values by variable (the last one of a name wins); fails when the run failed. */
    private static Map<String, JsonNode> points(ParseOutcome outcome) {
        assertThat(outcome.failure()).as("failure").isNull();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        try {
            for (JsonNode item : JSON.readTree(outcome.outputJson())) {
                byName.put(item.get("variable").asText(), item);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return byName;
    }

    @Test
    void aTs013DecodeUplinkRunsOnTheBytesPortTimeAndVariables() {
        Map<String, JsonNode> out = points(run(UPLINK, """
                function decodeUplink(input) {
                  var b = input.bytes;
                  var payload = {}; // a codec's own local named payload is common, and harmless
                  payload.temperature = ((b[0] << 24 >> 16) | b[1]) / 100;
                  payload.battery = { level: b[2], ok: true };
                  payload.readings = [b[3], b[4]];
                  payload.port = input.fPort;
                  payload.received = input.recvTime instanceof Date ? input.recvTime.toISOString() : 'no date';
                  payload.offset = input.variables.offset;
                  payload.bytesIsArray = Array.isArray(input.bytes) && input.bytes.length === 10;
                  payload.nothing = null;
                  return { data: payload };
                }
                function encodeDownlink(input) { return { bytes: [1], fPort: 1 }; }"""));
        assertThat(out.keySet()).containsExactly("payload", "fport", "rx_rssi", "temperature", "battery_level",
                "battery_ok", "readings_0", "readings_1", "port", "received", "offset", "bytesIsArray");
        assertThat(out.get("temperature").get("value").asDouble()).isEqualTo(-2.5);
        assertThat(out.get("battery_level").get("value").asInt()).isEqualTo(232);
        assertThat(out.get("battery_ok").get("value").asBoolean()).isTrue();
        assertThat(out.get("readings_1").get("value").asInt()).isEqualTo(0);
        assertThat(out.get("port").get("value").asInt()).isEqualTo(2);
        assertThat(out.get("received").get("value").asText()).isEqualTo("2026-12-07T10:00:00.000Z");
        assertThat(out.get("offset").get("value").asText()).isEqualTo("2");
        assertThat(out.get("bytesIsArray").get("value").asBoolean()).isTrue();
        assertThat(out.get("temperature").get("group").asText()).isEqualTo("g1");
        // the frame's time, as the network stage set it: decoded points are timed like the radio metadata
        assertThat(out.get("temperature").get("time").asText()).isEqualTo("2026-12-07T10:00:00.000Z");
    }

    @Test
    void variablesAreTheDevicesParametersAFreshObjectEachRunAndTheDeviceStaysReadable() {
        String device = """
                {"id":"d00000000000000000000002","name":"Twice","tags":[],
                 "params":[{"key":"k","value":"first"},{"key":7,"value":"not a key"},{"key":"k","value":"last"},
                           {"key":"offset","value":"2"}]}""";
        String codec = """
                function decodeUplink(input) {
                  var seen = input.variables.k;
                  input.variables.k = 'changed by the codec';
                  return { data: { k: seen, keys: Object.keys(input.variables).join(','),
                                   named: typeof device === 'object' ? device.name : 'none' } };
                }""";
        for (int run = 0; run < 2; run++) {
            ParseOutcome outcome = Chains.run(RUNTIME.get(), device, Duration.ofSeconds(1), UPLINK, codec);
            Map<String, JsonNode> out = points(outcome);
            assertThat(out.get("k").get("value").asText()).as("run " + run).isEqualTo("last");
            assertThat(out.get("keys").get("value").asText()).isEqualTo("k,offset");
            assertThat(out.get("named").get("value").asText()).isEqualTo("Twice");
        }
    }

    @Test
    void aDeviceWithoutParametersGivesEmptyVariablesAndAWrittenOneIsGoneNextRun() {
        String codec = """
                function decodeUplink(input) {
                  var before = typeof input.variables + ':' + Object.keys(input.variables).length;
                  input.variables.left = 'by the last run';
                  return { data: { before: before } };
                }""";
        for (String device : List.of("{\"id\":\"d1\",\"tags\":[],\"params\":[]}", "{\"id\":\"d2\"}", "{\"id\":\"d1\",\"tags\":[],\"params\":[]}")) {
            ParseOutcome outcome = Chains.run(RUNTIME.get(), device, Duration.ofSeconds(1), UPLINK, codec);
            assertThat(points(outcome).get("before").get("value").asText()).as(device).isEqualTo("object:0");
        }
    }

    @Test
    void aChirpStackV3DecodeAndATtnV2DecoderRunToo() {
        Map<String, JsonNode> v3 = points(run(UPLINK, """
                function Decode(fPort, bytes, variables) {
                  return { port: fPort, first: bytes[0], offset: variables.offset };
                }"""));
        assertThat(v3.get("port").get("value").asInt()).isEqualTo(2);
        assertThat(v3.get("first").get("value").asInt()).isEqualTo(255);
        assertThat(v3.get("offset").get("value").asText()).isEqualTo("2");

        Map<String, JsonNode> v2 = points(run(UPLINK, """
                function Decoder(bytes, port) {
                  var decoded = {};
                  decoded.port = port;
                  decoded.last = bytes[bytes.length - 1];
                  return decoded;
                }"""));
        assertThat(v2.get("port").get("value").asInt()).isEqualTo(2);
        assertThat(v2.get("last").get("value").asInt()).isEqualTo(0);
    }

    @Test
    void aRawHexBodyIsDecodedWithoutAPort() {
        Map<String, JsonNode> out = points(run("0a0b", """
                function decodeUplink(input) { return { data: { sum: input.bytes[0] + input.bytes[1], port: input.fPort === undefined } }; }"""));
        assertThat(out.keySet()).containsExactly("sum", "port");
        assertThat(out.get("sum").get("value").asInt()).isEqualTo(21);
        assertThat(out.get("port").get("value").asBoolean()).isTrue();
    }

    @Test
    void errorsFailTheDecodeAndWarningsReachTheConsole() {
        ParseOutcome failed = run(UPLINK, """
                function decodeUplink(input) { return { errors: ['unknown fPort ' + input.fPort, 'short frame'] }; }""");
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.SCRIPT_ERROR);
        assertThat(failed.failure().message()).isEqualTo("Error: decodeUplink: unknown fPort 2; short frame");

        ParseOutcome warned = run(UPLINK, """
                function decodeUplink(input) { return { data: { t: 1 }, warnings: ['battery low'] }; }""");
        assertThat(points(warned)).containsKey("t");
        assertThat(warned.consoleJson()).contains("\"level\":\"warn\"").contains("decodeUplink: battery low");
    }

    @Test
    void whatChirpStackRefusesFailsTheDecodeWithAMessage() {
        assertThat(run(UPLINK, "function decodeUplink(input) { return { data: [1, 2] }; }").failure().message())
                .isEqualTo("Error: decodeUplink returned data that is an array, not an object");
        assertThat(run(UPLINK, "function decodeUplink(input) { return 42; }").failure().message())
                .isEqualTo("Error: decodeUplink returned 42, not {data}");
        assertThat(run(UPLINK, "function Decoder(bytes, port) { return 'x'; }").failure().message())
                .isEqualTo("Error: Decoder returned x, not an object");
        assertThat(run("[{\"variable\":\"payload\",\"value\":\"zz\"}]", "function Decoder(bytes) { return {}; }")
                .failure().message()).isEqualTo("Error: a codec decodes the uplink's \"payload\" item as hex; it is zz");
        assertThat(run("[{\"variable\":\"temperature\",\"value\":1}]", "function Decoder(bytes) { return {}; }")
                .failure().message()).isEqualTo("Error: a codec decodes the uplink's \"payload\" item as hex; the uplink has none");
        assertThat(run(UPLINK, "function decodeUplink(input) { throw new Error('bad frame'); }").failure().message())
                .startsWith("Error: bad frame");
    }

    @Test
    void nestingAndSizeAreBounded() {
        assertThat(run(UPLINK, """
                function decodeUplink() { const d = {}; let o = d; for (let i = 0; i < 40; i++) { o.n = {}; o = o.n; } o.v = 1; return { data: d }; }""")
                .failure().message()).startsWith("Error: the decoded data is nested deeper than 16 levels");
        assertThat(run(UPLINK, """
                function decodeUplink() { return { data: { list: Array.from({ length: 1001 }, (_, i) => i) } }; }""")
                .failure().message()).isEqualTo("Error: the decoded data has more than 1000 values");
    }

    /** A TagoIO script that carries a TTN decoder and calls it itself changed payload: it stays a TagoIO script. */
    @Test
    void aTagoScriptThatCallsItsOwnDecoderStaysATagoScript() {
        Map<String, JsonNode> out = points(run(UPLINK, """
                function Decoder(bytes, port) { return { first: bytes[0] }; }
                const raw = payload.find((x) => x.variable === 'payload');
                const decoded = Decoder(Buffer.from(raw.value, 'hex'), 2);
                payload = [{ variable: 'mine', value: decoded.first }];"""));
        assertThat(out.keySet()).containsExactly("mine");
        assertThat(out.get("mine").get("value").asInt()).isEqualTo(255);
    }

    /** A codec's data then runs through a device stage written as a TagoIO script, as a connector's output does. */
    @Test
    void aDeviceScriptSeesTheCodecsPoints() {
        Map<String, JsonNode> out = points(run(UPLINK,
                "function decodeUplink(input) { return { data: { temperature: 20 } }; }",
                "payload = payload.map((x) => x.variable === 'temperature' ? { ...x, value: x.value + 1 } : x);"));
        assertThat(out.get("temperature").get("value").asInt()).isEqualTo(21);
    }

    /**
     * An entry point one run made a global (a sloppy assignment) is gone before the next run: another profile's
     * script that only names Decoder in a comment is not taken for a codec with the first one's function.
     */
    @Test
    void anEntryPointLeftAsAGlobalDoesNotReachTheNextRun() {
        points(run(UPLINK, "Decoder = function (bytes) { return { stolen: bytes[0] }; };"));
        Map<String, JsonNode> out = points(run(UPLINK, "// Decoder: none here\npayload = payload.filter((x) => x.variable !== 'rx_rssi');"));
        assertThat(out.keySet()).containsExactly("payload", "fport");
    }

    @Test
    void aDateNamesUtcAsNodeDoes() {
        Map<String, JsonNode> out = points(run("[]", """
                payload = [{ variable: 's', value: new Date(0).toString() }, { variable: 't', value: new Date(0).toTimeString() },
                  { variable: 'z', value: Intl.DateTimeFormat().resolvedOptions().timeZone }, { variable: 'h', value: new Date(0).getHours() }];"""));
        assertThat(out.get("s").get("value").asText()).isEqualTo("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)");
        assertThat(out.get("t").get("value").asText()).isEqualTo("00:00:00 GMT+0000 (Coordinated Universal Time)");
        assertThat(out.get("z").get("value").asText()).isEqualTo("UTC");
        assertThat(out.get("h").get("value").asInt()).isZero();
    }

    /** The codec as a connector's parser run by the entry the connector declares (docs/codecs.md). */
    private static ParseOutcome declared(String entry, String code) {
        return Chains.submit(RUNTIME.get(), new ParseRequest(UPLINK, "application/json", null, DEVICE,
                List.of(ParserScript.of(ParserStage.CONNECTOR, "c1", code).withEntry(entry)), Duration.ofSeconds(1), false));
    }

    private static final String BOTH = """
            function decodeUplink(input) { return { data: { by: 'decodeUplink' } }; }
            function Decode(fPort, bytes, variables) { return { by: 'Decode', port: fPort }; }""";

    @Test
    void aDeclaredEntryPointIsTheOneCalledWhateverElseTheScriptDefines() {
        assertThat(points(run(UPLINK, BOTH)).get("by").get("value").asText()).as("auto: decodeUplink first")
                .isEqualTo("decodeUplink");
        Map<String, JsonNode> out = points(declared("Decode", BOTH));
        assertThat(out.get("by").get("value").asText()).isEqualTo("Decode");
        assertThat(out.get("port").get("value").asInt()).isEqualTo(2);
    }

    @Test
    void aDeclaredEntryPointTheScriptDoesNotDefineFailsNamingIt() {
        ParseOutcome outcome = declared("decodeUplink", "function Decoder(bytes, port) { return { n: bytes.length }; }");
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.failure().stage()).isEqualTo(ParserStage.CONNECTOR);
        assertThat(outcome.failure().message()).contains("the connector declares decodeUplink as its decoder's entry "
                + "point, but the script defines no function decodeUplink");
    }

    @Test
    void aScriptDeclaredTagoioIsNeverRunAsACodec() {
        String code = "function Decoder(bytes, port) { return { n: bytes.length }; }";
        assertThat(points(run(UPLINK, code))).as("auto: detected as a codec").containsKey("n");
        Map<String, JsonNode> out = points(declared("tagoio", code));
        assertThat(out).doesNotContainKey("n").containsKeys("payload", "fport", "rx_rssi");
    }
}
