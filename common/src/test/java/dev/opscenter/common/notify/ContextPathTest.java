package dev.opscenter.common.notify;

import static dev.opscenter.common.notify.TestContexts.CHARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContextPathTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "alert.severity                | \"error\"",
                "event.deliveryId              | \"evt_1\"",
                "payload.customer.email        | \"a@example.com\"",
                "payload.items.0.sku           | \"A-1\"",
                "payload.items.1.qty           | 1",
                "payload.tags.1                | \"eu\"",
                "payload[\"a.b\"]              | \"dotted\"",
                "payload[\"customer\"].name    | \"Ann <admin>\"",
                "payload[\"items\"][\"0\"].sku | \"A-1\"",
                "payload.livemode              | false",
                "payload.codes                 | [1,2,3]"
            })
    void resolvesNestedKeysListIndexesAndBrackets(String path, String expectedJson) {
        assertEquals(Optional.of(TestContexts.read(expectedJson)), ContextPath.resolve(CHARGE, path));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "payload.nope             | key absent",
                "payload.note             | JSON null",
                "payload.items.2.sku      | index past the end",
                "payload.items.-1         | negative index",
                "payload.items.first      | word on a list",
                "payload.items.0000000000 | index too long to be one",
                "payload.currency.length  | descends into a string",
                "alert.severity.0         | indexes a string",
                "''                       | empty",
                "payload.                 | trailing dot",
                ".payload                 | leading dot",
                "payload..amount          | empty segment",
                "payload[\"a.b\"          | unterminated bracket",
                "payload[a.b]             | unquoted bracket",
                "payload[\"a.b\"]x        | text after a bracket",
                "payload.a b              | space in a segment"
            })
    void resolvesToNothing(String path, String why) {
        assertTrue(ContextPath.resolve(CHARGE, path).isEmpty(), why);
    }

    @Test
    void numericSegmentIsAKeyOnAMap() {
        assertEquals(Optional.of("zero"), ContextPath.resolve(Map.of("payload", Map.of("0", "zero")), "payload.0"));
    }

    @Test
    void nullContextOrPathResolvesToNothing() {
        assertTrue(ContextPath.resolve(null, "payload.amount").isEmpty());
        assertTrue(ContextPath.resolve(CHARGE, null).isEmpty());
    }
}
