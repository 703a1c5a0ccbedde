package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.notify.NotificationContext;
import dev.opscenter.common.sql.Json;
import dev.opscenter.worker.notify.NotificationPlanner;
import dev.opscenter.worker.relay.DeliveryPlanner;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventCompleter finishes drafted events in one transaction per batch: their alerts stored (keyed by event, so a
 * redelivery adds none), the events marked processed, and the notifications of each event this transaction finished
 * planned with them, and its deliveries to the relay's subscriptions — a crash leaves all of it or none. When the batch fails on one event's data ({@link Blame}), the
 * events are completed one by one instead, so that event fails alone; a failure that is nobody's data throws.
 */
@Singleton
final class EventCompleter {
    private static final Logger LOG = LoggerFactory.getLogger(EventCompleter.class);

    private final EventStore store;
    private final NotificationPlanner planner;
    private final DeliveryPlanner relay;
    private final JsonMapper json;

    EventCompleter(EventStore store, NotificationPlanner planner, DeliveryPlanner relay, JsonMapper json) {
        this.store = store;
        this.planner = planner;
        this.relay = relay;
        this.json = json;
    }

    /**
     * What completing drafts came to.
     *
     * @param alerts        alerts stored now, in id order (the order they are published in)
     * @param processedAt   when each event this completion finished was processed (the others another delivery finished)
     * @param notifications notification rows planned now, to enqueue once committed
     * @param deliveries    relay deliveries created now, to enqueue once committed
     * @param failures      events whose own data failed their completion, with why; nothing of theirs was stored
     */
    record Completion(
            List<AlertMessage> alerts,
            Map<Long, Instant> processedAt,
            List<Long> notifications,
            List<Long> deliveries,
            Map<Long, Throwable> failures) {
        static final Completion NONE = new Completion(List.of(), Map.of(), List.of(), List.of(), Map.of());

        Completion plus(Completion other) {
            List<AlertMessage> allAlerts = new ArrayList<>(alerts);
            allAlerts.addAll(other.alerts);
            allAlerts.sort(Comparator.comparingLong(AlertMessage::id));
            Map<Long, Instant> allProcessed = new HashMap<>(processedAt);
            allProcessed.putAll(other.processedAt);
            List<Long> allNotifications = new ArrayList<>(notifications);
            allNotifications.addAll(other.notifications);
            List<Long> allDeliveries = new ArrayList<>(deliveries);
            allDeliveries.addAll(other.deliveries);
            Map<Long, Throwable> allFailures = new HashMap<>(failures);
            allFailures.putAll(other.failures);
            return new Completion(allAlerts, allProcessed, allNotifications, allDeliveries, allFailures);
        }
    }

    /** Completes the drafts; throws (leaving them processing, for a later claim) when the database is the problem. */
    Completion complete(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return Completion.NONE;
        }
        try {
            return store.inTransaction(() -> completeTogether(drafts));
        } catch (RuntimeException
                | Error e) { // NOPMD: an Error met on one event's data fails that event, as a parse would
            if (Blame.of(e) == Blame.INFRASTRUCTURE) {
                throw e;
            }
            if (drafts.size() == 1) {
                return new Completion(
                        List.of(),
                        Map.of(),
                        List.of(),
                        List.of(),
                        Map.of(drafts.get(0).event().id(), e));
            }
            LOG.warn(
                    "completing {} events together failed on one event's data ({}); completing them one by one",
                    drafts.size(),
                    e.toString());
            Completion all = Completion.NONE;
            for (Draft draft : drafts) {
                all = all.plus(complete(List.of(draft)));
            }
            return all;
        }
    }

    private Completion completeTogether(List<Draft> drafts) {
        Map<Long, EventStore.NewAlert> created = store.insertAlerts(drafts);
        Map<Long, Instant> finished =
                store.markProcessed(drafts.stream().map(d -> d.event().id()).toList());
        List<AlertMessage> alerts = new ArrayList<>();
        List<Long> notifications = new ArrayList<>();
        List<DeliveryPlanner.Finished> relayed = new ArrayList<>();
        NotificationPlanner.Session planning = planner.session();
        for (Draft draft : drafts) {
            StoredEvent event = draft.event();
            EventStore.NewAlert stored = created.get(event.id());
            AlertMessage alert = stored == null ? null : draft.message(stored);
            if (alert != null) {
                alerts.add(alert);
            }
            // only the delivery that finished the event plans its follow-up work, so a duplicate adds nothing
            if (finished.containsKey(event.id())) {
                NotificationContext.EventFacts facts = new NotificationContext.EventFacts(
                        event.id(), event.eventType(), event.source(), event.deliveryId(), event.receivedAt());
                Supplier<Object> payload = () -> Json.read(json, event.payloadJson());
                notifications.addAll(planning.plan(facts, event.sourceId(), event.eventSourceId(), alert, payload)
                        .pending());
                relayed.add(new DeliveryPlanner.Finished(facts, event.sourceId(), alert, payload));
            }
        }
        alerts.sort(Comparator.comparingLong(AlertMessage::id));
        return new Completion(alerts, finished, notifications, relay.plan(relayed), Map.of());
    }
}
