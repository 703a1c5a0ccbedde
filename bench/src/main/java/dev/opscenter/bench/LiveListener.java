package dev.opscenter.bench;

import dev.opscenter.common.alert.LiveMessage;
import java.net.http.WebSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiveListener records, for every alert on the realtime socket, the instant it arrived keyed by the event id it came from.
 * Arrivals are kept even when they precede the POST's response, because the worker can be faster than the client.
 */
final class LiveListener implements WebSocket.Listener {
    // The message shape is fixed by the live contract; a pattern keeps the benchmark free of a JSON library.
    private static final Pattern ALERT_TYPE = Pattern.compile("^\\s*\\{\\s*\"type\"\\s*:\\s*\"alert\"");
    private static final String MESSAGE_START = "{\"type\":";
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*(\\d+)");

    private final Map<Long, Long> arrivalNanos = new ConcurrentHashMap<>();
    private final AtomicLong otherMessages = new AtomicLong();
    private final Object arrived = new Object();
    private StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket socket) {
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            accept(partial.toString(), System.nanoTime());
            partial = new StringBuilder();
        }
        socket.request(1);
        return null;
    }

    void accept(String frame, long nanos) {
        if (!frame.startsWith(LiveMessage.BATCH_PREFIX)) {
            acceptMessage(frame, nanos);
            return;
        }
        // a batch frame: its messages in order; each starts with {"type": and the bench's alerts nest no "type" key
        int at = frame.indexOf(MESSAGE_START, LiveMessage.BATCH_PREFIX.length() - 1);
        while (at >= 0) {
            int next = frame.indexOf(MESSAGE_START, at + 1);
            acceptMessage(frame.substring(at, next < 0 ? frame.length() : next), nanos);
            at = next;
        }
    }

    private void acceptMessage(String message, long nanos) {
        Matcher id = EVENT_ID.matcher(message);
        if (ALERT_TYPE.matcher(message).find() && id.find()) {
            arrivalNanos.putIfAbsent(Long.parseLong(id.group(1)), nanos);
            synchronized (arrived) {
                arrived.notifyAll();
            }
        } else {
            otherMessages.incrementAndGet();
        }
    }

    Long arrivalOf(long eventId) {
        return arrivalNanos.get(eventId);
    }

    long otherMessages() {
        return otherMessages.get();
    }

    /** Waits until every id has arrived or the deadline passes; returns how many arrived. */
    int awaitAll(Set<Long> eventIds, long deadlineNanos) throws InterruptedException {
        // Only the still-missing ids are re-checked on each wake-up, so a long drain stays linear in practice.
        Set<Long> missing = new HashSet<>(eventIds);
        synchronized (arrived) {
            while (true) {
                missing.removeIf(arrivalNanos::containsKey);
                long left = deadlineNanos - System.nanoTime();
                if (missing.isEmpty() || left <= 0) {
                    return eventIds.size() - missing.size();
                }
                TimeUnit.NANOSECONDS.timedWait(arrived, left);
            }
        }
    }
}
