package dev.opscenter.worker.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.alert.Severity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedAlertTest {

    @Test
    void longTitleIsCutTo200WithEllipsis() {
        ParsedAlert alert = new ParsedAlert("x".repeat(250), "m", Severity.INFO, Map.of());

        assertEquals(200, alert.title().length());
        assertTrue(alert.title().endsWith("x…"), alert.title());
    }

    @Test
    void longMessageIsCutTo2000WithEllipsis() {
        ParsedAlert alert = new ParsedAlert("t", "y".repeat(5000), Severity.INFO, Map.of());

        assertEquals(2000, alert.message().length());
        assertTrue(alert.message().endsWith("y…"));
    }

    @Test
    void textAtTheLimitIsKeptWhole() {
        String title = "z".repeat(ParsedAlert.MAX_TITLE);

        assertEquals(title, new ParsedAlert(title, "", Severity.INFO, Map.of()).title());
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String title = "a".repeat(198) + "😀😀";

        String kept = new ParsedAlert(title, "", Severity.INFO, Map.of()).title();

        assertEquals("a".repeat(198) + "…", kept);
    }

    @Test
    void titleIsOneLine() {
        ParsedAlert alert = new ParsedAlert("  Disk\r\nfull \n on db-1 ", "", Severity.INFO, Map.of());

        assertEquals("Disk full on db-1", alert.title());
    }

    @Test
    void missingPartsBecomeEmptyAndInfo() {
        ParsedAlert alert = new ParsedAlert(null, null, null, null);

        assertEquals("", alert.title());
        assertEquals("", alert.message());
        assertEquals(Severity.INFO, alert.severity());
        assertTrue(alert.metadata().isEmpty());
    }

    @Test
    void metadataIsAnUnmodifiableCopy() {
        Map<String, Object> source = new HashMap<>(Map.of("repo", "octo/repo"));
        ParsedAlert alert = new ParsedAlert("t", "m", Severity.INFO, source);
        source.put("later", "change");

        assertEquals(Map.of("repo", "octo/repo"), alert.metadata());
        assertThrows(UnsupportedOperationException.class, () -> alert.metadata().put("k", "v"));
    }

    @Test
    void parserOutputIsCappedToo() {
        String body = "{\"title\":\"" + "T".repeat(500) + "\",\"message\":\"" + "M".repeat(3000) + "\"}";

        ParsedAlert alert = new AlertParsers().parse(Fixtures.event("generic", null, body));

        assertEquals(ParsedAlert.MAX_TITLE, alert.title().length());
        assertEquals(ParsedAlert.MAX_MESSAGE, alert.message().length());
    }
}
