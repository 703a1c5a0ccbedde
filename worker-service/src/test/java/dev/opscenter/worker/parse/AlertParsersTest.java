package dev.opscenter.worker.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.vocabulary.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertParsersTest {

    private final AlertParsers parsers = new AlertParsers();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "github | [1,2]",
                "github | \"just a string\"",
                "github | not json at all",
                "stripe | [{\"id\":\"evt_1\"}]",
                "stripe | 42",
                "stripe | <xml/>",
            })
    void rejectsPayloadThatIsNotAJsonObject(String kind, String body) {
        MalformedPayloadException error =
                assertThrows(MalformedPayloadException.class, () -> parsers.parse(Fixtures.event(kind, "push", body)));

        assertTrue(error.getMessage().contains("42"), error.getMessage());
    }

    @Test
    void genericKindReadsAnyJsonObject() {
        ParsedAlert alert = parsers.parse(
                Fixtures.event("generic", "Pipeline Hook", "{\"object_kind\":\"pipeline\",\"severity\":\"high\"}"));

        assertEquals(Severity.ERROR, alert.severity());
        assertEquals("Pipeline Hook from Monitoring", alert.title());
    }

    @Test
    void missingNamesAndHeadersStillParse() {
        InboundEvent event = new InboundEvent(
                7L, SourceKind.GENERIC, "x", null, null, Fixtures.json("{\"title\":\"t\"}"), null, null);

        ParsedAlert alert = parsers.parse(event);

        assertEquals("t", alert.title());
        assertEquals("No further fields", alert.message(), "the title is not repeated");
        assertEquals(Severity.INFO, alert.severity());
    }

    @Test
    void everyFixtureGivesAnAlertWithinLimits() {
        String[][] fixtures = {
            {"github", "push", "github/push.json"},
            {"github", "star", "github/star.created.json"},
            {"stripe", "charge.failed", "stripe/charge.failed.json"},
            {"standard", null, "standard/contact.created.json"},
            {"generic", null, "generic/grafana.firing.json"}
        };
        for (String[] fixture : fixtures) {
            ParsedAlert alert = parsers.parse(Fixtures.event(fixture[0], fixture[1], Fixtures.text(fixture[2])));

            assertTrue(!alert.title().isBlank() && alert.title().length() <= ParsedAlert.MAX_TITLE, fixture[2]);
            assertTrue(alert.message().length() <= ParsedAlert.MAX_MESSAGE, fixture[2]);
            assertTrue(alert.metadata().values().stream().noneMatch(value -> value == null), fixture[2]);
        }
    }
}
