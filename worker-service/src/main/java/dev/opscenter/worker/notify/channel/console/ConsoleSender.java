package dev.opscenter.worker.notify.channel.console;

import dev.opscenter.common.alert.LiveChannel;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.notify.UserAudience;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.ChannelSender;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * ConsoleSender pushes a notification to the open consoles as a {@code toast} live message. The recipient is the
 * rule's audience ({@code all}, {@code role:operator}); its role rides along so a console of another role does not show
 * it. A toast is for whoever is looking now: it is not kept for consoles that open later.
 */
@Singleton
final class ConsoleSender implements ChannelSender {
    /** Longest title and text a toast carries; the notification log keeps the whole message. */
    static final int MAX_TITLE = 200;

    static final int MAX_TEXT = 1_000;

    private final LiveChannel live;

    ConsoleSender(LiveChannel live) {
        this.live = live;
    }

    /**
     * Toast is one toast as the page reads it.
     *
     * @param severity the alert's severity, null for an event without an alert
     * @param alertId  the alert it is about, if any, so the page can link to it
     * @param role     the role whose consoles show it; null for every console
     */
    @Serdeable
    record Toast(
            String title,
            String text,
            @Nullable String severity,
            @Nullable Long alertId,
            @Nullable Long notificationId,
            @Nullable String role) {}

    @Override
    public ChannelType type() {
        return ChannelType.CONSOLE;
    }

    @Override
    public SendResult send(ChannelConfig channel, String recipient, Message message) {
        UserAudience audience = UserAudience.parse(recipient).orElse(null);
        if (audience == null) {
            return new SendResult.Permanent(null, "a console toast goes to an audience (all, role:<role>)");
        }
        Toast toast = new Toast(
                cut(message.subject() == null ? "" : message.subject(), MAX_TITLE),
                cut(message.body(), MAX_TEXT),
                message.data().get("severity") instanceof String s ? s : null,
                message.data().get("alertId") instanceof Number n ? n.longValue() : null,
                message.data().get("notificationId") instanceof Number n ? n.longValue() : null,
                audience.role());
        return live.publish(LiveMessage.TOAST, toast)
                ? new SendResult.Sent(null, "toast published")
                : new SendResult.Retryable(null, null, "the live channel did not take the toast");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
