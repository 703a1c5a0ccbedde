package dev.opscenter.worker.relay;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.notify.NotificationContext;
import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.notify.RegexBudget;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * DeliveryPlanner turns the events one transaction finishes into deliveries: one row per (event, matching active
 * subscription). It runs inside the transaction that marks the events processed, reads the active subscriptions once
 * and inserts every delivery of the batch in one statement keyed by (event, subscription), so a crash keeps all of
 * them or none and a redelivered or replayed event never adds a second one. The ids returned are enqueued after the
 * commit.
 */
@Singleton
public final class DeliveryPlanner {
    private final Database db;
    private final JsonMapper json;
    private final Clock clock;
    private final NotifyLimits limits;

    DeliveryPlanner(Database db, JsonMapper json, Clock clock, NotifyLimits limits) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * An event this transaction finished, as matching sees it.
     *
     * @param sourceId its webhook source, null for a triggered event
     * @param alert    the alert it raised, null when none (conditions may look at it, as rules' do)
     * @param payload  its parsed JSON, read only when a subscription's conditions need it
     */
    public record Finished(
            NotificationContext.EventFacts facts,
            @Nullable Long sourceId,
            @Nullable AlertMessage alert,
            Supplier<Object> payload) {}

    /** Stores the deliveries of the events; returns the ids of those created now (none for a repeat). */
    public List<Long> plan(List<Finished> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Subscriber> subscribers = db.list("""
                SELECT id, event_types, source_id, conditions::text AS conditions
                  FROM subscriptions WHERE is_active ORDER BY id""", Params.NONE, this::subscriber);
        if (subscribers.isEmpty()) {
            return List.of();
        }
        List<Long> eventIds = new ArrayList<>();
        List<Long> subscriptionIds = new ArrayList<>();
        for (Finished event : events) {
            RegexBudget budget = limits.newRegexBudget(); // one for the event, however many subscriptions
            Supplier<Map<String, Object>> context = memoized(() -> NotificationContext.of(
                    event.alert(), event.facts(), event.payload().get()));
            for (Subscriber subscriber : subscribers) {
                if (subscriber.matches(event.facts().type(), event.sourceId(), context, budget)) {
                    eventIds.add(event.facts().id());
                    subscriptionIds.add(subscriber.id());
                }
            }
        }
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return db.list(
                """
                INSERT INTO deliveries (event_id, subscription_id, next_attempt_at)
                SELECT event_id, subscription_id, :now
                  FROM unnest(:event_ids, :subscription_ids) AS d(event_id, subscription_id)
                 ORDER BY event_id, subscription_id
                ON CONFLICT (event_id, subscription_id) DO NOTHING
                RETURNING id""",
                Params.of("now", clock.instant())
                        .and("event_ids", Params.bigints(eventIds))
                        .and("subscription_ids", Params.bigints(subscriptionIds)),
                Long.class);
    }

    private Subscriber subscriber(ResultSet r) throws SQLException {
        String conditions = r.getString("conditions");
        return new Subscriber(
                r.getLong("id"),
                Arrays.asList((String[]) r.getArray("event_types").getArray()),
                Columns.nullableLong(r, "source_id"),
                conditions == null ? null : Json.readMap(json, conditions));
    }

    /** The context of one event, built the first time a subscription's conditions ask for it. */
    private static <T> Supplier<T> memoized(Supplier<T> build) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = build.get();
                }
                return value;
            }
        };
    }
}
