package dev.opscenter.worker.notify.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.vocabulary.ChannelType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSendersTest {
    private static final Message MESSAGE = new Message("Subject", "Body", null, "ntf_1");

    /** A channel type whose sending is a fixed function: enough to test the dispatch around it. */
    private record FixedSender(ChannelType type, int parts, java.util.function.Supplier<SendResult> result)
            implements ChannelSender {
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
            new FixedSender(ChannelType.SLACK, 3, () -> new SendResult.Sent(200, "fine")),
            new FixedSender(ChannelType.TELEGRAM, 1, () -> {
                throw new IllegalStateException("pool exhausted");
            }),
            new FixedSender(ChannelType.WEBHOOK, 1, () -> {
                throw new InvalidChannelConfigException("config.url is required");
            })));

    private static ChannelConfig channel(ChannelType type) {
        return new ChannelConfig(7, type, Map.of(), "s3cret");
    }

    @Test
    void dispatchesByType() {
        assertEquals(new SendResult.Sent(200, "fine"), senders.send(channel(ChannelType.SLACK), "someone", MESSAGE));
    }

    @Test
    void typeWithoutASenderIsPermanent() {
        SendResult.Permanent p = assertInstanceOf(
                SendResult.Permanent.class, senders.send(channel(ChannelType.SMS), "someone", MESSAGE));
        assertEquals("no sender for channel type 'sms' on this worker", p.error());
    }

    @Test
    void unexpectedExceptionIsRetryable() {
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class, senders.send(channel(ChannelType.TELEGRAM), "someone", MESSAGE));
        assertTrue(r.error().contains("pool exhausted"), r.error());
    }

    @Test
    void brokenChannelConfigIsPermanent() {
        SendResult.Permanent p = assertInstanceOf(
                SendResult.Permanent.class, senders.send(channel(ChannelType.WEBHOOK), "someone", MESSAGE));
        assertEquals("invalid channel configuration: config.url is required", p.error());
    }

    @Test
    void costComesFromTheSender() {
        assertEquals(3, senders.cost(ChannelType.SLACK, MESSAGE));
        assertEquals(1, senders.cost(ChannelType.SMS, MESSAGE));
    }

    @Test
    void twoSendersForOneTypeAreABug() {
        ChannelSender a = new FixedSender(ChannelType.SLACK, 1, () -> null);
        assertThrows(IllegalStateException.class, () -> new ChannelSenders(List.of(a, a)));
    }

    @Test
    void channelConfigNeverPrintsItsSecret() {
        assertFalse(channel(ChannelType.SLACK).toString().contains("s3cret"));
    }
}
