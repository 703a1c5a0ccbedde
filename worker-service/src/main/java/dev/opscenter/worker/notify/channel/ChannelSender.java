package dev.opscenter.worker.notify.channel;

import dev.opscenter.common.vocabulary.ChannelType;

/** ChannelSender delivers messages over one channel type; it never throws for provider failures, it returns them. */
public interface ChannelSender {

    /** The channel type it serves. */
    ChannelType type();

    /** Sends one message to one recipient over the channel. */
    SendResult send(ChannelConfig channel, String recipient, Message message);

    /** Messages this send will cost against a rate limit (Telegram: number of parts), default 1. */
    default int cost(Message m) {
        return 1;
    }
}
