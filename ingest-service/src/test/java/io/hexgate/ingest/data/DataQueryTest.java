package io.hexgate.ingest.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.hexgate.common.api.InvalidRequestException;

class DataQueryTest {

    /** The OpenAPI document and the 400's message list the kinds from one constant: it must be the enum's values. */
    @Test
    void theDocumentedKindsAreExactlyTheKindsParsed() {
        String parsed = Arrays.stream(DataQuery.Kind.values()).map(DataQuery.Kind::code).collect(Collectors.joining(", "));
        assertEquals(parsed, DataQuery.KINDS);
        for (DataQuery.Kind kind : DataQuery.Kind.values()) {
            assertEquals(kind, DataQuery.from(Map.of("query", List.of(kind.code())), Instant.EPOCH).query());
        }
    }

    @Test
    void anUnknownKindIsA400NamingTheParameterTheValueAndTheKinds() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> DataQuery.from(Map.of("query", List.of("median")), Instant.EPOCH));
        assertEquals("query: 'median' is not a query; use one of " + DataQuery.KINDS, refused.getMessage());
        assertEquals(Set.of("query"), refused.fieldErrors().keySet());
    }
}
