package dev.opscenter.common.vocabulary;

import io.micronaut.serde.annotation.Serdeable;

/**
 * ChannelType is how a channel delivers ({@code channels.type}, {@code notification_templates.channel_type}); templates
 * are written for one type and only fit channels of it.
 */
@Serdeable
public enum ChannelType implements WireName {
    EMAIL,
    SLACK,
    TELEGRAM,
    SMS,
    WEBHOOK,
    /** A live toast on every open console (of the rule's audience); nothing leaves the platform. */
    CONSOLE;

    /** Parses a wire name; anything else fails with the names it expected. */
    public static ChannelType parse(String value) {
        return WireName.parse(ChannelType.class, "channel type", value);
    }

    /** Whether message bodies of this type are HTML (email), so values rendered into them are HTML-escaped. */
    public boolean html() {
        return this == EMAIL;
    }

    /**
     * Whether a rule may take recipients from event data. A webhook's recipient is a URL, and event data must never
     * choose where the worker sends: webhook rules have fixed recipients only.
     */
    public boolean takesEventRecipients() {
        return this != WEBHOOK && this != CONSOLE;
    }

    /**
     * Whether a rule on this channel may address console users ({@code audience}): e-mail sends to each user's address,
     * the console shows a toast to their consoles.
     */
    public boolean takesAudience() {
        return this == EMAIL || this == CONSOLE;
    }
}
