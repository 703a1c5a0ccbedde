package dev.opscenter.worker.notify.channel;

import dev.opscenter.common.vocabulary.ChannelType;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChannelSenders is the sending pipeline's entry point: it picks the sender for a channel's type and turns whatever
 * goes wrong outside the senders' own classification into a result, so a caller only ever branches on SendResult.
 */
@Singleton
public final class ChannelSenders {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSenders.class);

    private final Map<ChannelType, ChannelSender> byType = new EnumMap<>(ChannelType.class);

    public ChannelSenders(List<ChannelSender> senders) {
        for (ChannelSender sender : senders) {
            ChannelSender previous = byType.put(sender.type(), sender);
            if (previous != null) {
                throw new IllegalStateException("two senders for channel type " + sender.type());
            }
        }
    }

    /** Sends the message; an unknown type or a broken channel config is Permanent, an unexpected exception Retryable. */
    public SendResult send(ChannelConfig channel, String recipient, Message message) {
        ChannelSender sender = byType.get(channel.type());
        if (sender == null) {
            return new SendResult.Permanent(
                    null, "no sender for channel type '" + channel.type().wire() + "' on this worker");
        }
        try {
            SendResult result = sender.send(channel, recipient, message);
            return result != null ? result : new SendResult.Retryable(null, null, "sender returned no result");
        } catch (InvalidChannelConfigException e) {
            return new SendResult.Permanent(null, "invalid channel configuration: " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug or broken infrastructure, not a verdict on the message: give it another chance, and say so in the
            // log.
            LOG.warn("Channel {} ({}) failed unexpectedly", channel.id(), channel.type(), e);
            return new SendResult.Retryable(
                    null,
                    null,
                    "unexpected error: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Messages a send of this type costs against a rate limit; 1 for a type without a sender. */
    public int cost(ChannelType type, Message message) {
        ChannelSender sender = byType.get(type);
        return sender == null ? 1 : Math.max(1, sender.cost(message));
    }
}
