package dev.opscenter.worker.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.vocabulary.SourceKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericParserTest {

    private final AlertParsers parsers = new AlertParsers();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "generic  | {\"severity\":\"critical\",\"title\":\"Disk full\",\"message\":\"/var at 100%\"}       | CRITICAL | Disk full | /var at 100%",
                "generic  | {\"data\":{\"severity\":\"warn\",\"title\":\"Queue slow\",\"message\":\"lag 40s\"}}   | WARNING  | Queue slow | lag 40s",
                "standard | {\"type\":\"job.failed\",\"data\":{\"severity\":\"error\",\"title\":\"Nightly export failed\",\"message\":\"exit 2\"}} | ERROR | Nightly export failed | exit 2",
                "generic  | {\"severity\":\"purple\",\"title\":\"Odd\",\"message\":\"m\"}                           | INFO     | Odd | m",
                "generic  | {\"severity\":3,\"title\":\"Numeric\",\"message\":\"m\"}                                  | INFO     | Numeric | m",
            })
    void takesSeverityTitleAndMessageFromTopLevelOrData(
            String kind, String body, Severity severity, String title, String message) {
        ParsedAlert alert = parsers.parse(Fixtures.event(kind, null, body));

        assertEquals(severity, alert.severity());
        assertEquals(title, alert.title());
        assertEquals(message, alert.message());
    }

    @Test
    void titleFallsBackToEventFieldAndSourceName() {
        ParsedAlert alert = parsers.parse(Fixtures.event(
                "generic",
                null,
                "{\"event\":\"order_created\",\"event_id\":\"e-1\",\"payload\":{\"id\":7},\"total\":12.5}"));

        assertEquals(Severity.INFO, alert.severity());
        assertEquals("order_created from Monitoring", alert.title());
        assertEquals("event_id: e-1, payload: {…}, total: 12.5", alert.message());
        assertEquals("e-1", alert.metadata().get("eventId"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "generic  | {\"title\":\"Disk full\",\"severity\":\"critical\",\"host\":\"db-1\",\"used\":\"100%\"}             | host: db-1, used: 100%",
                "generic  | {\"data\":{\"title\":\"Queue slow\",\"severity\":\"warn\",\"lagSeconds\":40}}                  | lagSeconds: 40",
                "standard | {\"type\":\"job.failed\",\"data\":{\"title\":\"Nightly export failed\",\"job\":\"export\"}}     | job: export",
                "standard | {\"type\":\"job.failed\",\"data\":{\"event\":\"job.failed\",\"job\":\"export\"}}                | job: export",
                "generic  | {\"title\":\"Heartbeat\",\"severity\":\"info\"}                                                | No further fields",
            })
    void messageWithoutOwnTextAddsWhatTheTitleDoesNotSay(String kind, String body, String message) {
        ParsedAlert alert = parsers.parse(Fixtures.event(kind, null, body));

        assertEquals(message, alert.message());
    }

    @Test
    void titleFallsBackToStoredEventType() {
        ParsedAlert alert = parsers.parse(Fixtures.event("generic", "build.done", "{\"ok\":true}"));

        assertEquals("build.done from Monitoring", alert.title());
        assertEquals("ok: true", alert.message());
    }

    @Test
    void payloadWithoutAnyTypeIsNamedAfterTheSource() {
        ParsedAlert alert = parsers.parse(Fixtures.event("generic", null, "{}"));

        assertEquals("Webhook from Monitoring", alert.title());
        assertEquals("Empty payload", alert.message());
    }

    @Test
    void standardWebhooksEnvelopeAddsDeliveryIdAndTime() {
        ParsedAlert alert = parsers.parse(Fixtures.event(
                "standard",
                "contact.created",
                Fixtures.text("standard/contact.created.json"),
                Map.of("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")));

        assertEquals(Severity.INFO, alert.severity());
        assertEquals("contact.created from Billing", alert.title());
        assertTrue(
                alert.message()
                        .startsWith(
                                "id: 1f81eb52-5198-4599-803e-771906343485, type: contact, " + "fullName: John Smith"),
                alert.message());
        assertEquals("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", alert.metadata().get("webhookId"));
        assertEquals("2022-11-03T20:26:10.344522Z", alert.metadata().get("timestamp"));
        assertEquals("1f81eb52-5198-4599-803e-771906343485", alert.metadata().get("dataId"));
    }

    @Test
    void standardWebhooksSpecExampleSummarisesData() {
        ParsedAlert alert =
                parsers.parse(Fixtures.event("standard", null, Fixtures.text("standard/example.event.json")));

        assertEquals("example.event from Billing", alert.title());
        assertEquals("foo: bar, fizzbuzz: 2", alert.message());
    }

    @Test
    void grafanaNotificationKeepsItsOwnTitleAndMessage() {
        ParsedAlert alert =
                parsers.parse(Fixtures.event("generic", null, Fixtures.text("generic/grafana.firing.json")));

        assertEquals(Severity.INFO, alert.severity());
        assertEquals("[FIRING:2] (blue)", alert.title());
        assertTrue(alert.message().startsWith("**Firing**\n\nLabels:"), alert.message());
        assertEquals("firing", alert.metadata().get("status"));
    }

    @Test
    void severityFromCommonLabelsIsHonoured() {
        ParsedAlert alert = parsers.parse(Fixtures.event(
                "generic",
                null,
                Fixtures.edited(
                        "generic/grafana.firing.json",
                        "\"commonLabels\": {\n    \"team\": \"blue\"",
                        "\"commonLabels\": {\n    \"severity\": \"critical\",\n    \"team\": \"blue\"")));

        assertEquals(Severity.CRITICAL, alert.severity());
    }

    @Test
    void plainTextBodyIsQuoted() {
        ParsedAlert alert = parsers.parse(Fixtures.event("generic", null, "backup finished in 42s"));

        assertEquals(Severity.INFO, alert.severity());
        assertEquals("Webhook from Monitoring", alert.title());
        assertEquals("backup finished in 42s", alert.message());
    }

    @Test
    void binaryBodyIsDescribedBySize() {
        byte[] body = {(byte) 0xC3, 0x28, 0x00, 0x01, (byte) 0xFF};
        InboundEvent event = new InboundEvent(
                1L,
                SourceKind.GENERIC,
                "mon",
                "Monitoring",
                null,
                null,
                body,
                Map.of("content-type", "application/octet-stream"));

        ParsedAlert alert = parsers.parse(event);

        assertEquals("5 bytes of binary data", alert.message());
        assertEquals(5L, alert.metadata().get("bodyBytes"));
    }

    @Test
    void longTextBodyIsCutAtACharacterBoundary() {
        String body = "é".repeat(3000);
        InboundEvent event = new InboundEvent(
                1L,
                SourceKind.GENERIC,
                "mon",
                "Monitoring",
                null,
                null,
                body.getBytes(StandardCharsets.UTF_8),
                Map.of());

        ParsedAlert alert = parsers.parse(event);

        assertEquals(ParsedAlert.MAX_MESSAGE, alert.message().length());
        assertTrue(alert.message().startsWith("éé") && alert.message().endsWith("…"), alert.message());
    }

    @Test
    void jsonArrayIsDescribedForGenericSources() {
        ParsedAlert alert = parsers.parse(Fixtures.event("standard", "batch", "[{\"a\":1},{\"a\":2}]"));

        assertEquals("batch from Billing", alert.title());
        assertEquals("JSON array with 2 items", alert.message());
    }
}
