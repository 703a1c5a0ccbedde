package dev.opscenter.common.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * RedisKeys names every Redis key OpsCenter uses. All share one prefix so that several installations (or
 * test runs) can share a Redis without seeing each other's work.
 *
 * @param prefix prefix of every key, {@code opscenter:} by default
 */
@ConfigurationProperties("opscenter.redis")
public record RedisKeys(
        @Bindable(defaultValue = "opscenter:") String prefix) {

    /** Consumer group that processes events. */
    public static final String WORKERS_GROUP = "workers";
    /** Consumer group that sends notifications. */
    public static final String NOTIFIERS_GROUP = "notifiers";
    /** Consumer group that relays events to subscriptions. */
    public static final String RELAYS_GROUP = "relays";
    /**
     * Field of an events-stream entry that carries the event id; an entry may also carry the W3C trace context of the
     * request that stored the event, in field {@code traceparent} (only while tracing is on; docs/operations.md).
     */
    public static final String EVENT_ID_FIELD = "id";
    /** Field of a feed-stream entry that carries the live message JSON. */
    public static final String MESSAGE_FIELD = "msg";

    /** Stream of event ids waiting to be processed. */
    public String events() {
        return prefix + "events";
    }

    /** Stream of notification log ids waiting to be sent (field {@link #EVENT_ID_FIELD} holds the log id). */
    public String notifications() {
        return prefix + "notifications";
    }

    /** Sorted set of notification log ids waiting for a retry, scored by due time in epoch milliseconds. */
    public String notificationRetries() {
        return prefix + "notifications:retry";
    }

    /** Stream of delivery ids waiting to be relayed (field {@link #EVENT_ID_FIELD} holds the delivery id). */
    public String deliveries() {
        return prefix + "deliveries";
    }

    /** Sorted set of delivery ids waiting for a retry, scored by due time in epoch milliseconds. */
    public String deliveryRetries() {
        return prefix + "deliveries:retry";
    }

    /** Sorted set of event ids waiting for a retry, scored by due time in epoch milliseconds. */
    public String eventRetries() {
        return prefix + "events:retry";
    }

    /** Pub/sub channel each live message is published on. */
    public String liveChannel() {
        return prefix + "alerts";
    }

    /** Capped stream of recent live messages, read by clients catching up after a reconnect. */
    public String feed() {
        return prefix + "feed";
    }

    /** Pub/sub channel on which an ingress replica that changed a webhook source names its slug, so every replica's cache drops it. */
    public String sourceChanges() {
        return prefix + "sources:changed";
    }

    /** Hash the worker writes its heartbeat into: consumer name → epoch millis of its last loop. */
    public String workerHeartbeats() {
        return prefix + "workers:heartbeat";
    }

    /**
     * Key of one live-socket ticket: the browser's session asks ingress for a ticket, ingress stores it here for a few
     * seconds and realtime takes it (GETDEL) on the socket's handshake, so it opens one socket at most.
     *
     * @param ticketHash lowercase hex SHA-256 of the ticket; the ticket itself is never stored
     */
    public String liveTicket(String ticketHash) {
        return prefix + "live-ticket:" + ticketHash;
    }
}
