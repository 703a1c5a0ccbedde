package dev.opscenter.common.log;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * LogFields puts the ids of the work in hand on every log line written on this thread until it is closed: SLF4J MDC
 * entries, which the JSON encoder ({@code LOG_FORMAT=json}) writes as top-level fields. Closing restores what the thread
 * had before, so nothing leaks into the next request or stream entry a pooled thread handles. Use it in a
 * try-with-resources on the thread doing the work; it is not shared between threads.
 */
public final class LogFields implements AutoCloseable {
    /** The webhook or triggered event ({@code webhook_events.id}). */
    public static final String EVENT_ID = "event_id";
    /** The webhook source's slug, or the event source's name of a triggered event. */
    public static final String SOURCE = "source";
    /** The provider's delivery id of a webhook (e.g. X-GitHub-Delivery), or the caller's event_id of a triggered event. */
    public static final String PROVIDER_DELIVERY_ID = "provider_delivery_id";
    /** A relay delivery to a subscription ({@code deliveries.id}, {@code dlv_…} on the wire). */
    public static final String DELIVERY_ID = "delivery_id";
    /** A notification ({@code notification_logs.id}, {@code ntf_…} on the wire). */
    public static final String NOTIFICATION_ID = "notification_id";
    /** The live message's catch-up feed id (realtime). */
    public static final String FEED_ID = "feed_id";

    /** Each field set, with the value it replaced (null: it was not set). */
    private final Map<String, String> replaced = new LinkedHashMap<>(4);

    private LogFields() {}

    /** Sets one field until {@link #close}; a null value sets nothing. */
    public static LogFields with(String field, Object value) {
        return new LogFields().and(field, value);
    }

    /** Sets one more field until {@link #close}; a null value sets nothing. */
    public LogFields and(String field, Object value) {
        if (value != null) {
            if (!replaced.containsKey(field)) { // a value it had before this scope, not one this scope set
                replaced.put(field, MDC.get(field));
            }
            MDC.put(field, value.toString());
        }
        return this;
    }

    /** Puts back the values the fields had before. */
    @Override
    public void close() {
        replaced.forEach((field, before) -> {
            if (before == null) {
                MDC.remove(field);
            } else {
                MDC.put(field, before);
            }
        });
        replaced.clear();
    }
}
