package dev.opscenter.worker.notify;

import dev.opscenter.common.alert.LiveChannel;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.alert.NotificationMessage;
import jakarta.inject.Singleton;

/**
 * StatusPublisher pushes each status change of outbound work to the live channel: a notification as {@code
 * {"type":"notification"}} with the row as the REST log shows it, less its body; a relayed event's delivery as {@code
 * {"type":"delivery"}}. These are not kept in the catch-up feed: a page that reconnects reloads its lists over REST.
 */
@Singleton
public final class StatusPublisher {
    private final LiveChannel live;

    StatusPublisher(LiveChannel live) {
        this.live = live;
    }

    void publish(NotificationMessage row) {
        publish(LiveMessage.NOTIFICATION, row.withoutBody());
    }

    /** Publishes {@code {"type":<type>,"data":<data>}}; a Redis failure is only logged (the row is in PostgreSQL). */
    public void publish(String type, Object data) {
        live.publish(type, data);
    }
}
