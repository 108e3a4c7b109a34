package io.hexgate.parser.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A network-level uplink's run goes on after its network stage with the device's stages when the serial names a
 * device already known (Continuation): one run, the payload kept in the context, the device's own global from then on.
 */
class ContinuationTest {

    private static final String NETWORK_DEVICE = """
            {"id":null,"name":null,"network":"n00000000000000000000001","connector":null,"tags":[],"params":[]}""";
    private static final String DEVICE = """
            {"id":"d00000000000000000000001","name":"Garden","network":"n00000000000000000000001",
             "connector":"c00000000000000000000001","tags":[],"params":[{"key":"offset","value":"2","sent":false}]}""";
    private static final ParserScript NETWORK = ParserScript.of(ParserStage.NETWORK, "n00000000000000000000001",
            "serial = payload[0].eui; payload = [{variable: 'payload', value: payload[0].hex}, {variable: 'fport', value: 2}];");
    /** A codec: its variables come from the device it runs for, not the network's placeholder. */
    private static final ParserScript CODEC = ParserScript.of(ParserStage.CONNECTOR, "c00000000000000000000001",
            "function decodeUplink(input) { return { data: { first: input.bytes[0], offset: input.variables.offset } }; }");
    private static final ParserScript NAMED = ParserScript.of(ParserStage.DEVICE, "d00000000000000000000001",
            "payload.push({variable: 'named', value: device.name});");

    @RegisterExtension
    static final TestRuntime RUNTIME = new TestRuntime();

    private static ParseOutcome run(Continuation continuation) {
        return Chains.submit(RUNTIME.get(), new ParseRequest("{\"eui\":\"70B3D57ED005E1A2\",\"hex\":\"2a\"}", "application/json",
                null, NETWORK_DEVICE, List.of(NETWORK), Duration.ofSeconds(1), false, null, "p1", continuation));
    }

    @Test
    void theDeviceStagesRunInTheSameRunForTheDeviceTheSerialNamed() {
        List<String> asked = new ArrayList<>();
        Object device = new Object();
        ParseOutcome outcome = run(serial -> {
            asked.add(serial);
            return new Continuation.Next(DEVICE, List.of(CODEC, NAMED), device);
        });
        assertThat(outcome.failure()).isNull();
        assertThat(asked).containsExactly("70B3D57ED005E1A2");
        assertThat(outcome.continuedFor()).isSameAs(device);
        assertThat(outcome.serial()).isEqualTo("70B3D57ED005E1A2");
        assertThat(outcome.stages()).extracting(StageResult::stage)
                .containsExactly(ParserStage.NETWORK, ParserStage.CONNECTOR, ParserStage.DEVICE);
        assertThat(outcome.outputJson()).contains("\"variable\":\"first\",\"value\":42")
                .contains("\"variable\":\"offset\",\"value\":\"2\"").contains("\"variable\":\"named\",\"value\":\"Garden\"");
    }

    @Test
    void withoutADeviceInMemoryTheRunEndsAfterTheNetworkStage() {
        ParseOutcome outcome = run(serial -> null);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.continuedFor()).isNull();
        assertThat(outcome.stages()).extracting(StageResult::stage).containsExactly(ParserStage.NETWORK);
        assertThat(outcome.outputJson()).contains("\"variable\":\"payload\",\"value\":\"2a\"").doesNotContain("first");
    }

    @Test
    void aDeviceStageThatFailsIsTheDevicesParseErrorNotTheNetworks() {
        ParserScript broken = ParserScript.of(ParserStage.CONNECTOR, "c00000000000000000000001", "throw new Error('bad frame');");
        Object device = new Object();
        ParseOutcome outcome = run(serial -> new Continuation.Next(DEVICE, List.of(broken), device));
        assertThat(outcome.continuedFor()).isSameAs(device);
        assertThat(outcome.failure().stage()).isEqualTo(ParserStage.CONNECTOR);
        assertThat(outcome.failure().message()).contains("bad frame");
    }
}
