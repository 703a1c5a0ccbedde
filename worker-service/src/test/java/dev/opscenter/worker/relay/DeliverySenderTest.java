package dev.opscenter.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeliverySenderTest {
    @Test
    void replyExcerptKeepsTheFirstTwoKilobytesOnACharacterBoundary() {
        String reply = "a".repeat(2047) + "é" + "tail"; // é is two bytes: it would straddle the cut
        String excerpt = DeliverySender.excerpt(reply);
        assertEquals("a".repeat(2047), excerpt);
        assertEquals(2047, excerpt.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shortReplyIsKeptWholeWithoutNuls() {
        assertEquals("{\"ok\":true}", DeliverySender.excerpt("{\"ok\":\u0000true}"));
        assertNull(DeliverySender.excerpt(""));
    }
}
