package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.log.LogFields;
import dev.opscenter.worker.metrics.ProcessingLatency;
import dev.opscenter.worker.stream.WorkQueue;
import dev.opscenter.worker.stream.WorkerSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventProcessor turns a batch of event ids from the stream into their alerts, at least once and effectively once,
 * with one statement per step for the whole batch: the claim counts attempts, the alert insert is keyed by event id,
 * and only the delivery that created an alert publishes it. Broken infrastructure (PostgreSQL down) throws and leaves
 * the batch's stream entries unacknowledged for a later claim; an event that cannot be turned into an alert is retried
 * with backoff, then parked as failed, while the rest of its batch goes on.
 */
@Singleton
public final class EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

    private final EventStore store;
    private final AlertDrafter drafter;
    private final EventCompleter completer;
    private final AlertPublisher publisher;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Backoff backoff;
    private final WorkQueue notifications;
    private final WorkQueue deliveries;
    private final ProcessingLatency latency;

    EventProcessor(
            EventStore store,
            AlertDrafter drafter,
            EventCompleter completer,
            AlertPublisher publisher,
            WorkerSettings settings,
            Clock clock,
            @Named("notifications") WorkQueue notifications,
            @Named("deliveries") WorkQueue deliveries,
            ProcessingLatency latency) {
        this.store = store;
        this.drafter = drafter;
        this.completer = completer;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.latency = latency;
        this.backoff = new Backoff(
                settings.retryBase(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Processes the events; returns what happened to each, once per distinct id, in the order given. Broken
     * infrastructure throws; an Error (a bug met by one event's data) fails that event like a payload that cannot be
     * parsed: retried with backoff, then parked.
     */
    public List<Outcome> process(List<Long> eventIds) {
        return process(eventIds, id -> null);
    }

    /**
     * Processes the events as {@link #process(List)} does; each event's live message carries the trace context {@code
     * traceparents} gives for its id (none when null).
     */
    List<Outcome> process(List<Long> eventIds, LongFunction<String> traceparents) {
        return goLive(commit(eventIds), traceparents);
    }

    /**
     * What a batch made durable: each event's outcome, and the alerts (in id order), notifications and relay deliveries
     * to send on.
     */
    record Committed(
            List<Outcome> outcomes, List<AlertMessage> alerts, List<Long> notifications, List<Long> deliveries) {
        Committed plus(Committed other) {
            return new Committed(
                    concat(outcomes, other.outcomes),
                    concat(alerts, other.alerts).stream()
                            .sorted(Comparator.comparingLong(AlertMessage::id))
                            .toList(),
                    concat(notifications, other.notifications),
                    concat(deliveries, other.deliveries));
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            return Stream.concat(a.stream(), b.stream()).toList();
        }
    }

    /**
     * Claims, parses and completes the events; everything it returns is committed. Events whose last attempt never
     * reported back (its worker may have died on one of them) are taken one at a time after the rest, so an event that
     * kills its worker is charged its attempts alone and parked, never together with its batch.
     */
    Committed commit(List<Long> eventIds) {
        List<Long> ids = eventIds.stream().distinct().toList();
        EventStore.Claim claim = store.claim(ids, settings.processingTimeout(), false);
        Committed done = finish(claim.attempts());
        for (long id : claim.abandoned()) {
            done = done.plus(finish(
                    store.claim(List.of(id), settings.processingTimeout(), true).attempts()));
        }
        Map<Long, Outcome> outcomes = done.outcomes().stream().collect(Collectors.toMap(Outcome::eventId, o -> o));
        return new Committed(
                ids.stream()
                        .map(id -> outcomes.getOrDefault(
                                id,
                                new Outcome.Skipped(
                                        id, "finished already, unknown, or being processed by another consumer")))
                        .toList(),
                done.alerts(),
                done.notifications(),
                done.deliveries());
    }

    /** Finishes claimed events, given each one's attempt number. */
    private Committed finish(Map<Long, Integer> attempts) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Long> claimed = new ArrayList<>();
        attempts.forEach((id, attempt) -> {
            if (attempt > settings.maxAttempts()) {
                // earlier attempts never reported back: the worker died on this event each time
                String error = "gave up after " + settings.maxAttempts() + " attempts that did not finish";
                store.fail(id, error);
                outcomes.add(new Outcome.Failed(id, attempt - 1, error));
            } else {
                claimed.add(id);
            }
        });
        Map<Long, StoredEvent> events = claimed.isEmpty() ? Map.of() : store.load(claimed);
        List<Draft> drafts = new ArrayList<>();
        for (long id : claimed) {
            StoredEvent event = events.get(id);
            try (LogFields fields = fieldsOf(event)) {
                drafts.add(drafter.draft(event, attempts.get(id)));
            } catch (RuntimeException | Error e) { // NOPMD: one event's Error must fail that event, not its batch
                outcomes.add(failed(event, attempts.get(id), e));
            }
        }
        EventCompleter.Completion done = completer.complete(drafts);
        done.processedAt()
                .forEach((id, processedAt) -> latency.record(events.get(id).receivedAt(), processedAt));
        Map<Long, Long> createdNow =
                done.alerts().stream().collect(Collectors.toMap(AlertMessage::eventId, AlertMessage::id));
        Map<Long, Long> earlier = earlierAlerts(drafts, createdNow, done.failures());
        for (Draft draft : drafts) {
            long id = draft.event().id();
            Throwable failure = done.failures().get(id);
            outcomes.add(
                    failure != null
                            ? failed(draft.event(), draft.attempt(), failure)
                            : new Outcome.Processed(
                                    id, createdNow.getOrDefault(id, earlier.get(id)), createdNow.containsKey(id)));
        }
        return new Committed(outcomes, done.alerts(), done.notifications(), done.deliveries());
    }

    /**
     * Publishes what the batch stored, each alert with its event's trace context, and enqueues its notifications and
     * deliveries; returns the outcomes.
     */
    List<Outcome> goLive(Committed committed, LongFunction<String> traceparents) {
        List<AlertMessage> alerts = committed.alerts();
        if (!alerts.isEmpty()) {
            try {
                publisher.publish(alerts, traceparents);
                store.markPublished(alerts.stream().map(AlertMessage::id).toList());
            } catch (RuntimeException e) {
                // the alerts are committed and listed by the API; the republisher pushes them live later
                LOG.warn("{} alerts stored but not yet published live: {}", alerts.size(), e.toString());
            }
        }
        notifications.enqueueQuietly(committed.notifications());
        deliveries.enqueueQuietly(committed.deliveries());
        return committed.outcomes();
    }

    /** Alert ids of drafts whose alert an earlier delivery stored (a replay of a stuck event). */
    private Map<Long, Long> earlierAlerts(
            List<Draft> drafts, Map<Long, Long> createdNow, Map<Long, Throwable> failures) {
        List<Long> repeats = drafts.stream()
                .map(d -> d.alert() == null ? null : d.event().id())
                .filter(id -> id != null && !createdNow.containsKey(id) && !failures.containsKey(id))
                .toList();
        return repeats.isEmpty() ? Map.of() : store.existingAlertIds(repeats);
    }

    /** The event's ids as structured fields of the log lines written while it is handled. */
    private static LogFields fieldsOf(StoredEvent event) {
        return LogFields.with(LogFields.EVENT_ID, event.id())
                .and(LogFields.SOURCE, event.source())
                .and(LogFields.PROVIDER_DELIVERY_ID, event.deliveryId());
    }

    private Outcome failed(StoredEvent event, int attempt, Throwable failure) {
        try (LogFields fields = fieldsOf(event)) {
            return failedNow(event, attempt, failure);
        }
    }

    private Outcome failedNow(StoredEvent event, int attempt, Throwable failure) {
        String error;
        if (failure instanceof Error) {
            LOG.error(
                    "event {} attempt {} failed with {}",
                    event.id(),
                    attempt,
                    failure.getClass().getName(),
                    failure);
            error = "processing failed unexpectedly (" + failure.getClass().getSimpleName() + ")";
        } else {
            error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        if (attempt >= settings.maxAttempts()) {
            LOG.warn("event {} failed for good after {} attempts: {}", event.id(), attempt, error);
            store.fail(event.id(), error);
            return new Outcome.Failed(event.id(), attempt, error);
        }
        Instant due = clock.instant().plus(backoff.after(attempt));
        store.retryLater(event.id(), error, due, settings.sweepGrace());
        LOG.info("event {} attempt {} failed ({}); retrying at {}", event.id(), attempt, error, due);
        return new Outcome.RetryLater(event.id(), attempt, due, error);
    }
}
