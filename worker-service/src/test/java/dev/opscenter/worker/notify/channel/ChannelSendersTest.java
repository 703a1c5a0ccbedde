package dev.opscenter.worker.notify.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSendersTest {
    private static final Message MESSAGE = new Message("Subject", "Body", null, "ntf_1");

    /** A channel type whose sending is a fixed function: enough to test the dispatch around it. */
    private record FixedSender(String type, int parts, java.util.function.Supplier<SendResult> result) implements ChannelSender {
        @Override
        public SendResult send(ChannelConfig channel, String recipient, Message message) {
            return result.get();
        }

        @Override
        public int cost(Message m) {
            return parts;
        }
    }

    private final ChannelSenders senders = new ChannelSenders(List.of(
            new FixedSender("ok", 3, () -> new SendResult.Sent(200, "fine")),
            new FixedSender("broken", 1, () -> {
                throw new IllegalStateException("pool exhausted");
            }),
            new FixedSender("misconfigured", 1, () -> {
                throw new InvalidChannelConfigException("config.url is required");
            })));

    private static ChannelConfig channel(String type) {
        return new ChannelConfig(7, type, Map.of(), "s3cret");
    }

    @Test
    void dispatchesByType() {
        assertEquals(new SendResult.Sent(200, "fine"), senders.send(channel("ok"), "someone", MESSAGE));
    }

    @Test
    void unknownTypeIsPermanent() {
        SendResult.Permanent p = assertInstanceOf(SendResult.Permanent.class, senders.send(channel("pigeon"), "someone", MESSAGE));
        assertTrue(p.error().contains("pigeon"), p.error());
    }

    @Test
    void unexpectedExceptionIsRetryable() {
        SendResult.Retryable r = assertInstanceOf(SendResult.Retryable.class, senders.send(channel("broken"), "someone", MESSAGE));
        assertTrue(r.error().contains("pool exhausted"), r.error());
    }

    @Test
    void brokenChannelConfigIsPermanent() {
        SendResult.Permanent p = assertInstanceOf(SendResult.Permanent.class, senders.send(channel("misconfigured"), "someone", MESSAGE));
        assertEquals("invalid channel configuration: config.url is required", p.error());
    }

    @Test
    void costComesFromTheSender() {
        assertEquals(3, senders.cost("ok", MESSAGE));
        assertEquals(1, senders.cost("pigeon", MESSAGE));
    }

    @Test
    void twoSendersForOneTypeAreABug() {
        ChannelSender a = new FixedSender("ok", 1, () -> null);
        assertThrows(IllegalStateException.class, () -> new ChannelSenders(List.of(a, a)));
    }

    @Test
    void channelConfigNeverPrintsItsSecret() {
        assertFalse(channel("ok").toString().contains("s3cret"));
    }
}
