package io.hexgate.parser.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Normalising a parser's output into data points (SPEC §2.8, §4): the rules, the defaults, the ugly inputs. */
class UplinkPointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Map<String, String> OWNER = Map.of("stage", "device", "device", "d1", "kind", "invalid_output");

    private static UplinkPoints points() {
        return new UplinkPoints(JSON, "uplink-1", "d1", RECEIVED, "raw body");
    }

    @Test
    void defaultsTimeAndGroupAndLowercasesVariables() {
        UplinkPoints.Result result = points().fromOutput("""
                [{"variable":"Temperature","value":21.5,"unit":"C"},{"variable":"ok","value":true,"group":"g"}]""", 1000, OWNER);
        assertThat(result.hasErrors()).isFalse();
        DataPoint first = result.points().get(0);
        assertThat(first.variable()).isEqualTo("temperature");
        assertThat(first.value()).isEqualTo(21.5);
        assertThat(first.time()).isEqualTo(RECEIVED);
        assertThat(first.group()).isEqualTo(points().defaultGroup());
        assertThat(result.points().get(1).group()).isEqualTo("g");
        assertThat(result.points().get(1).value()).isEqualTo(true);
    }

    @Test
    void idsAreDeterministicDistinctAndStartWithTheSecondOfReception() {
        String a = DataPoint.idOf("u", RECEIVED, 0);
        assertThat(a).isEqualTo(DataPoint.idOf("u", RECEIVED, 0)).hasSize(24).matches("[0-9a-f]{24}")
                .startsWith(Long.toHexString(RECEIVED.getEpochSecond()));
        assertThat(DataPoint.idOf("u", RECEIVED, 1)).isNotEqualTo(a);
        assertThat(DataPoint.idOf("v", RECEIVED, 0)).isNotEqualTo(a);
        assertThat(DataPoint.idOf("u", RECEIVED.plusSeconds(1), 0)).isGreaterThan(a);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"value\":1}                                   | variable is required",
            "{\"variable\":7,\"value\":1}                    | variable must be a string",
            "{\"variable\":\"a b\",\"value\":1}              | may not contain spaces",
            "{\"variable\":\"a.b\",\"value\":1}              | may not contain spaces",
            "{\"variable\":\"a\",\"value\":{\"x\":1}}        | never an object",
            "{\"variable\":\"a\",\"value\":[1]}              | never an array",
            "{\"variable\":\"a\",\"unit\":\"" + "uuuuuuuuuuuuuuuuuuuuuuuuuu" + "\"} | at most 25",
            "{\"variable\":\"a\",\"time\":\"yesterday\"}     | is not ISO-8601",
            "{\"variable\":\"a\",\"time\":true}              | time must be",
            "{\"variable\":\"a\",\"location\":{\"lat\":91,\"lng\":0}} | outside -90..90",
            "{\"variable\":\"a\",\"location\":{\"lat\":0,\"lng\":181}} | outside -180..180",
            "{\"variable\":\"a\",\"location\":\"here\"}      | location must be",
            "{\"variable\":\"a\",\"metadata\":[1]}           | metadata must be an object",
            "7                                               | must be a data object",
            "{\"variable\":\"a\",\"time\":-8000000000000000}  | before 4713 BC",
            "{\"variable\":\"a\",\"time\":\"-5000-01-01T00:00:00Z\"} | before 4713 BC",
    })
    void anItemThatBreaksARuleBecomesAParseErrorNamingIt(String item, String message) {
        UplinkPoints.Result result = points().fromOutput("[{\"variable\":\"good\",\"value\":1}," + item + "]", 1000, OWNER);
        assertThat(result.invalid()).isFalse();
        assertThat(result.points()).hasSize(2);
        assertThat(result.points().get(0).variable()).isEqualTo("good");
        DataPoint error = result.points().get(1);
        assertThat(error.variable()).isEqualTo(DataPoint.PARSE_ERROR);
        assertThat((String) error.value()).startsWith("item 1: ").contains(message);
        assertThat(error.metadataJson()).contains("\"raw\":\"raw body\"").contains("\"item\":");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-01-31T12:00:00-03:00 | 2026-01-31T15:00:00Z",
            "2026-01-31                | 2026-01-31T00:00:00Z",
            "1767225600000             | 2026-01-01T00:00:00Z"})
    void timesAreIsoOrEpochMilliseconds(String time, String expected) {
        String value = time.matches("\\d+") ? time : "\"" + time + "\"";
        DataPoint point = points().fromOutput("[{\"variable\":\"a\",\"time\":" + value + "}]", 1000, OWNER).points().getFirst();
        assertThat(point.time()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void locationsAreStoredAsGeoJsonLongitudeFirst() {
        UplinkPoints.Result result = points().fromOutput("""
                [{"variable":"a","location":{"lat":-23.5,"lng":-46.6}},
                 {"variable":"b","location":{"type":"Point","coordinates":[-46.6,-23.5]}}]""", 1000, OWNER);
        assertThat(result.points()).allSatisfy(p -> {
            assertThat(p.lng()).isEqualTo(-46.6);
            assertThat(p.lat()).isEqualTo(-23.5);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"just text\"           | it is the string 'just text'",
            "{\"variable\":\"a\"}     | it is an object",
            "null                    | it is null",
            "{\"$error\":\"cycle\"}   | cycle"})
    void outputThatIsNotAnArrayIsOneParseErrorHoldingTheRawPayload(String output, String message) {
        UplinkPoints.Result result = points().fromOutput(output, 1000, OWNER);
        assertThat(result.invalid()).isTrue();
        assertThat(result.points()).hasSize(1);
        assertThat((String) result.points().getFirst().value()).contains(message);
        assertThat(result.points().getFirst().metadataJson()).contains("\"stage\":\"device\"").contains("\"raw\":\"raw body\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"variable\":\"a\\u0000b\",\"value\":1}",
            "{\"variable\":\"a\",\"value\":\"x\\u0000\"}",
            "{\"variable\":\"a\",\"unit\":\"\\u0000\"}",
            "{\"variable\":\"a\",\"group\":\"g\\u0000\"}",
            "{\"variable\":\"a\",\"metadata\":{\"deep\":[{\"k\":\"\\u0000\"}]}}",
            "{\"variable\":\"a\",\"metadata\":{\"k\\u0000\":1}}",
    })
    void textPostgresCannotStoreIsAnItemErrorThatCanBeStored(String item) {
        UplinkPoints.Result result = points().fromOutput("[{\"variable\":\"good\",\"value\":1}," + item + "]", 1000, OWNER);
        assertThat(result.points()).hasSize(2);
        DataPoint error = result.points().get(1);
        assertThat(error.variable()).isEqualTo(DataPoint.PARSE_ERROR);
        assertThat((String) error.value()).contains("U+0000").doesNotContain("\u0000");
        assertThat(error.metadataJson().replace("\\\\", "")).as("no NUL escape, which jsonb refuses").doesNotContain("\\u0000");
    }

    @Test
    void aRawPayloadWithNulIsKeptWholeAsBase64() {
        UplinkPoints points = new UplinkPoints(new ObjectMapper(), "uplink-1", "d", RECEIVED, "ab\u0000cd");
        DataPoint error = points.fromOutput("\"text\"", 1000, OWNER).points().getFirst();
        assertThat(error.metadataJson()).contains("\"raw_base64\":\"YWIAY2Q=\"").doesNotContain("\"raw\"");
    }

    @Test
    void moreItemsThanAllowedIsInvalidAsAWhole() {
        UplinkPoints.Result result = points().fromOutput("[{\"variable\":\"a\"},{\"variable\":\"b\"},{\"variable\":\"c\"}]", 2, OWNER);
        assertThat(result.invalid()).isTrue();
        assertThat((String) result.points().getFirst().value()).contains("holds 3 data; at most 2");
    }
}
