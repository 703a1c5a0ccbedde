package dev.opscenter.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LogEscapingContract is what every service's text log must hold: control characters from payloads, replies or
 * exception messages never start a new log line. A service's test extends it naming its console appender.
 */
public abstract class LogEscapingContract {
    private static final String FORGED = "12:00:00.000 INFO  [main] dev.opscenter.Forged - admin signed in";

    private final String appender;

    protected LogEscapingContract(String appender) {
        this.appender = appender;
    }

    @Test
    void crlfInAMessageStaysOnOneLine() {
        String text = LogLines.render(
                appender, "rejected webhook for 'x\r\n" + FORGED + "\r" + FORGED + "\n" + FORGED + "'", null);

        assertEquals(1, LogLines.lines(text), text);
        assertTrue(text.contains("x\\r\\n12:00:00.000"), text);
    }

    @Test
    void otherControlCharactersInAMessageAreReplaced() {
        String text = LogLines.render(appender, "bell\u0007 escape\u001b[31m next\u2028" + FORGED, null);

        assertEquals(1, LogLines.lines(text), text);
        assertTrue(!text.contains("\u001b") && !text.contains("\u0007") && !text.contains("\u2028"), text);
    }

    @Test
    void crlfInAnExceptionMessageForgesNoLine() {
        String text = LogLines.render(appender, "send failed", new IllegalStateException("reply: 500\r\n" + FORGED));

        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).endsWith("send failed"), text);
        assertTrue(lines.get(1).contains("reply: 500\\r\\n12:00:00.000"), text);
        lines.stream()
                .skip(2)
                .forEach(line -> assertTrue(line.startsWith("\t") || line.startsWith("Caused by: "), text));
    }
}
