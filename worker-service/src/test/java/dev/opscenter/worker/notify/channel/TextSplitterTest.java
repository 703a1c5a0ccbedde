package dev.opscenter.worker.notify.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertEquals(List.of("hello"), TextSplitter.split("hello", 10));
        assertEquals(List.of("0123456789"), TextSplitter.split("0123456789", 10));
    }

    @Test
    void prefersLineBreaks() {
        assertEquals(List.of("aaaaaa\n", "bbb ccc"), TextSplitter.split("aaaaaa\nbbb ccc", 10));
    }

    @Test
    void fallsBackToSpaces() {
        assertEquals(List.of("aaa bbbbb ", "ccc"), TextSplitter.split("aaa bbbbb ccc", 10));
    }

    @Test
    void ignoresBreaksThatWouldLeaveTinyParts() {
        assertEquals(List.of("a\nbcdefghi", "jklm"), TextSplitter.split("a\nbcdefghijklm", 10));
    }

    @Test
    void cutsAtTheLimitWhenThereIsNoBreak() {
        assertEquals(List.of("0123456789", "0123456789", "01"), TextSplitter.split("0123456789012345678901", 10));
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "x" + "😀".repeat(20);
        List<String> parts = TextSplitter.split(text, 10);
        for (String part : parts) {
            assertTrue(part.length() <= 10);
            assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)), part);
            assertFalse(Character.isLowSurrogate(part.charAt(0)), part);
        }
        assertEquals(text, String.join("", parts));
    }

    @Test
    void truncatesWithAnEllipsis() {
        assertEquals("short", TextSplitter.truncate("short", 10));
        assertEquals("012345678…", TextSplitter.truncate("0123456789abc", 10));
        assertEquals("01234567…", TextSplitter.truncate("01234567😀abc", 10));
    }
}
