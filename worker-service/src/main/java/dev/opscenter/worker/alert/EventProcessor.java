package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.notify.NotificationContext;
import dev.opscenter.common.sql.Json;
import dev.opscenter.worker.metrics.ProcessingLatency;
import dev.opscenter.worker.notify.NotificationPlanner;
import dev.opscenter.worker.notify.NotificationQueue;
import dev.opscenter.worker.parse.AlertParsers;
import dev.opscenter.worker.parse.InboundEvent;
import dev.opscenter.worker.parse.ParsedAlert;
import dev.opscenter.worker.stream.WorkerSettings;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventProcessor turns one event id from the stream into its alert, at least once and effectively once: the claim
 * counts attempts, the alert insert is keyed by event id, and only the delivery that created the alert publishes it.
 * Broken infrastructure (PostgreSQL down) throws and leaves the stream entry unacknowledged for a later claim; a
 * payload that cannot be turned into an alert is retried with backoff, then parked as failed.
 */
@Singleton
public final class EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

    private final EventStore store;
    private final AlertParsers parsers;
    private final AlertPublisher publisher;
    private final JsonMapper json;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Backoff backoff;
    private final NotificationPlanner planner;
    private final NotificationQueue notifications;
    private final AlertLimits limits;
    private final ProcessingLatency latency;

    EventProcessor(EventStore store, AlertParsers parsers, AlertPublisher publisher, JsonMapper json,
                   WorkerSettings settings, Clock clock, NotificationPlanner planner, NotificationQueue notifications,
                   AlertLimits limits, ProcessingLatency latency) {
        this.store = store;
        this.parsers = parsers;
        this.publisher = publisher;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.planner = planner;
        this.notifications = notifications;
        this.limits = limits;
        this.latency = latency;
        this.backoff = new Backoff(settings.retryBase(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Processes the event; returns what happened. Broken infrastructure throws; an Error (a bug met by this event's
     * data) fails this attempt like a payload that cannot be parsed: retried with backoff, then parked.
     */
    public Outcome process(long eventId) {
        Optional<Integer> claimed = store.claim(eventId, settings.processingTimeout());
        if (claimed.isEmpty()) {
            return new Outcome.Skipped(eventId, "finished already or unknown");
        }
        int attempt = claimed.get();
        if (attempt > settings.maxAttempts()) {
            // earlier attempts never reported back: the worker died on this event each time
            String error = "gave up after " + settings.maxAttempts() + " attempts that did not finish";
            store.fail(eventId, error);
            return new Outcome.Failed(eventId, attempt - 1, error);
        }
        StoredEvent event = store.load(eventId).orElseThrow();
        try {
            return process(event, attempt);
        } catch (Error e) { // NOPMD: one event's Error must fail that event, not the consumer that met it
            LOG.error("event {} attempt {} failed with {}", eventId, attempt, e.getClass().getName(), e);
            return failed(event, attempt, "processing failed unexpectedly (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Outcome process(StoredEvent event, int attempt) {
        long eventId = event.id();
        ParsedAlert parsed = null;
        if (event.alerting()) {
            try {
                parsed = limits.apply(severityOverride(event, parsers.parse(inbound(event))));
            } catch (RuntimeException e) {
                return failed(event, attempt, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        ParsedAlert alertContent = parsed;
        NotificationContext.EventFacts facts = new NotificationContext.EventFacts(event.id(), event.eventType(), event.source(),
                event.deliveryId(), event.receivedAt());
        // the alert and the notifications it triggers commit together: a crash leaves both or neither
        EventStore.Completion<NotificationPlanner.Plan> done = store.complete(event, parsed, created -> planner.plan(facts,
                event.sourceId(), event.eventSourceId(), created.map(a -> message(event, alertContent, a)).orElse(null),
                () -> Json.read(json, event.payloadJson())));
        done.processedAt().ifPresent(processedAt -> latency.record(event.receivedAt(), processedAt));
        NotificationPlanner.Plan plan = done.extra() == null ? NotificationPlanner.Plan.NONE : done.extra();
        AlertMessage alert = done.alert().map(a -> message(event, alertContent, a)).orElse(null);
        if (alert != null) {
            try {
                publisher.publish(alert);
                store.markPublished(alert.id());
            } catch (RuntimeException e) {
                // the alert is committed and listed by the API; the republisher pushes it live later
                LOG.warn("alert {} stored but not yet published live: {}", alert.id(), e.toString());
            }
        }
        notifications.enqueueQuietly(plan.pending());
        if (alert == null) {
            return new Outcome.Processed(eventId, parsed == null ? null : store.existingAlertId(eventId), false);
        }
        return new Outcome.Processed(eventId, alert.id(), true);
    }

    private static AlertMessage message(StoredEvent event, ParsedAlert parsed, EventStore.NewAlert created) {
        return new AlertMessage(created.id(), event.id(), event.sourceId(), event.eventSourceId(), event.source(),
                event.sourceName(), event.eventType(), parsed.title(), parsed.message(), parsed.severity().wire(), parsed.metadata(),
                false, created.createdAt());
    }

    /** A triggered event's alert takes the severity its event source is configured with. */
    private static ParsedAlert severityOverride(StoredEvent event, ParsedAlert parsed) {
        if (event.eventSourceId() == null || event.alertSeverity() == null) {
            return parsed;
        }
        return new ParsedAlert(parsed.title(), parsed.message(), Severity.parse(event.alertSeverity()), parsed.metadata());
    }

    private Outcome failed(StoredEvent event, int attempt, String error) {
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

    private InboundEvent inbound(StoredEvent e) {
        JsonNode payload = null;
        if (e.payloadJson() != null) {
            try {
                payload = json.readValue(e.payloadJson(), JsonNode.class);
            } catch (IOException ex) {
                throw new IllegalStateException("stored payload is not JSON", ex);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> headers = Json.readMap(json, e.headersJson()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, x -> String.valueOf(x.getValue())));
        return new InboundEvent(e.id(), e.kind(), e.source(), e.sourceName(), e.eventType(), payload, e.rawBody(), headers);
    }
}
