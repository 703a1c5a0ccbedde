package dev.opscenter.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * LiveMessage is one message on the live socket: {@code {"type":"alert","id":"<feed id>","data":{…}}}.
 *
 * @param type        what data holds ({@code alert}, {@code notification})
 * @param id          the entry id in the catch-up feed; a reconnecting client sends the last one it saw as {@code since}
 * @param data        the payload
 * @param traceparent the W3C trace context of the worker span that published it; only while tracing is on, else the
 *                    property is left out
 */
@Serdeable
public record LiveMessage<T>(
        String type,
        String id,
        T data,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceparent) {

    /** A message without trace context. */
    public LiveMessage(String type, String id, T data) {
        this(type, id, data, null);
    }

    /** Type of a message carrying an {@link AlertMessage}. */
    public static final String ALERT = "alert";
    /**
     * Type of a message carrying an {@link AlertMessage} whose triage state changed (acknowledged, resolved,
     * reopened); it has no feed id: a page that reconnects reloads its list over REST.
     */
    public static final String ALERT_STATE = "alert_state";
    /** Type of a message carrying a {@link NotificationMessage}; it has no feed id. */
    public static final String NOTIFICATION = "notification";
    /** Type of a message carrying a {@code DeliveryMessage} (a relayed event's delivery); it has no feed id. */
    public static final String DELIVERY = "delivery";
    /**
     * Type of a console toast a rule on a console channel pushes: {@code {title, text, severity, alertId, role}}, role
     * null for every console; it has no feed id (a toast is for whoever is looking now).
     */
    public static final String TOAST = "toast";

    /**
     * How a frame of several messages starts: {@code {"type":"batch","messages":[<message>,…]}}, each message's text
     * exactly as published. The realtime service writes batches; pages and tools read each message in order.
     */
    public static final String BATCH_PREFIX = "{\"type\":\"batch\",\"messages\":[";
}
