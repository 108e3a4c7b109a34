package io.hexgate.parser.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a network stage leaves is the canonical uplink (docs/networks/README.md), checked before the connector runs:
 * the items of the canonical names in their canonical form (numbers written as text and upper-case hex made
 * canonical), anything else a failure of the network stage naming the item, the value and the rule.
 */
class CanonicalUplinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = """
            {"id":"d00000000000000000000001","name":"Sensor","network":"n00000000000000000000001",
             "connector":"c00000000000000000000001","tags":[],"params":[]}""";
    /** A TS013 codec: it reads the payload item as hex. */
    private static final String CODEC = """
            function decodeUplink(input) { return { data: { first: input.bytes[0], port: input.fPort } }; }""";

    @RegisterExtension
    static final TestRuntime RUNTIME = new TestRuntime();

    /** The network parser sets payload to these items; the connector is the codec above. */
    private static ParseOutcome network(String itemsJson) {
        List<ParserScript> stages = List.of(
                ParserScript.of(ParserStage.NETWORK, "network", "payload = " + itemsJson + ";"),
                ParserScript.of(ParserStage.CONNECTOR, "connector", CODEC));
        return Chains.submit(RUNTIME.get(), new ParseRequest("[]", "application/json", null, DEVICE, stages,
                Duration.ofSeconds(1), false));
    }

    private static Map<String, JsonNode> values(ParseOutcome outcome) throws Exception {
        assertThat(outcome.failure()).as("failure").isNull();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode item : JSON.readTree(outcome.outputJson())) {
            byName.put(item.get("variable").asText(), item.get("value"));
        }
        return byName;
    }

    @Test
    void numbersAsTextAndUpperCaseHexBecomeCanonicalBeforeTheCodecRuns() throws Exception {
        Map<String, JsonNode> out = values(network("""
                [{variable:'payload',value:'AB01'},{variable:'fport',value:'2'},{variable:'fcnt',value:42},
                 {variable:'rx_rssi',value:'-97.00'},{variable:'rx_snr',value:' 7.5 '},{variable:'rx_gateway',value:1234},
                 {variable:'rx_frequency',value:868100000},{variable:'rx_sf',value:7},{variable:'rx_bw',value:125000},
                 {variable:'temperature',value:'not checked'}]"""));
        assertThat(out.get("payload").asText()).isEqualTo("ab01");
        assertThat(out.get("fport").isNumber()).isTrue();
        assertThat(out.get("fport").asInt()).isEqualTo(2);
        assertThat(out.get("rx_rssi").asDouble()).isEqualTo(-97.0);
        assertThat(out.get("rx_snr").asDouble()).isEqualTo(7.5);
        assertThat(out.get("rx_gateway").asText()).isEqualTo("1234");
        assertThat(out.get("temperature").asText()).isEqualTo("not checked");
        assertThat(out.get("first").asInt()).as("the codec read the canonical payload").isEqualTo(0xab);
        assertThat(out.get("port").asInt()).as("and the canonical port").isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{variable:'payload',value:'hello'}           | item \"payload\" is hello, it must be hexadecimal digits",
            "{variable:'payload',value:'abc'}             | item \"payload\" is abc, it must be hexadecimal digits, an even number",
            "{variable:'payload',value:{bytes:[1]}}       | item \"payload\" is {\"bytes\":[1]}, it must be hexadecimal",
            "{variable:'fport',value:256}                 | item \"fport\" is 256, it must be an integer from 0 to 255",
            "{variable:'fport',value:'two'}               | item \"fport\" is two, it must be an integer",
            "{variable:'fcnt',value:-1}                   | item \"fcnt\" is -1, it must be an integer of 0 or more",
            "{variable:'rx_rssi',value:'strong'}          | item \"rx_rssi\" is strong, it must be a number (dBm)",
            "{variable:'rx_frequency',value:868.1}        | item \"rx_frequency\" is 868.1, it must be a number of Hz (868100000, not 868.1)",
            "{variable:'rx_sf',value:13}                  | item \"rx_sf\" is 13, it must be an integer from 5 to 12",
            "{variable:'rx_bw',value:125}                 | item \"rx_bw\" is 125, it must be a number of Hz (125000, not 125)",
            "{variable:'rx_gateway',value:{eui:1}}        | item \"rx_gateway\" is {\"eui\":1}, it must be text",
    })
    void aNonCanonicalItemFailsTheNetworkStageNamingItsValueAndTheRule(String item, String expected) {
        ParseOutcome outcome = network("[" + item + "]");
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.failure().stage()).isEqualTo(ParserStage.NETWORK);
        assertThat(outcome.failure().message()).startsWith("Error: the network stage's uplink is not canonical: ")
                .contains(expected).contains("docs/networks/README.md");
    }

    @Test
    void onlyTheNetworkStageIsChecked() throws Exception {
        // a connector or device parser may name its own variables as it likes, rx_* included
        ParseOutcome outcome = Chains.run(RUNTIME.get(), DEVICE, Duration.ofSeconds(1), "[]",
                "payload = [{variable:'rx_sf',value:'fast'},{variable:'payload',value:'text'}];");
        assertThat(values(outcome).get("rx_sf").asText()).isEqualTo("fast");
    }
}
