package dev.opscenter.e2e.crash;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.e2e.platform.AdminApi;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.WebhookReceiver;
import dev.opscenter.e2e.platform.Webhooks;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A crash of any service at any moment loses no accepted event and creates no duplicate alert or relay delivery: a
 * provider keeps delivering (and retrying) while the worker is killed twice and ingress once with SIGKILL, and the
 * stored events, alerts and live feed come out exactly once per delivery (a killed worker's unpublished alerts are
 * republished); each event ends as exactly one successful delivery to each of two subscriptions, whose receiver
 * answers slowly enough that the kills land while sends are in flight.
 */
class CrashRecoveryIT {
    private static final int DELIVERIES = 150;
    private static final int SENDERS = 4;
    private static final Duration PROGRESS = Duration.ofSeconds(60);
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final String WORKER = "worker-service";
    private static final String INGRESS = "ingress-service";

    // recovery timings short enough for a test; the defaults (60 s, 30 s, 5 s) are tuned for production
    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension(Map.ofEntries(
            Map.entry("OPSCENTER_WORKER_CLAIM_IDLE", "2s"),
            Map.entry("OPSCENTER_SWEEP_AGE", "3s"),
            Map.entry("OPSCENTER_SWEEP_INTERVAL", "1s"),
            // how often a worker looks for entries of dead consumers (15 s) and how long a claimed event is left
            // alone (60 s) would otherwise dominate the wait after a worker died holding an event
            Map.entry("OPSCENTER_WORKER_CLAIM_INTERVAL", "1s"),
            Map.entry("OPSCENTER_WORKER_PROCESSING_TIMEOUT", "5s"),
            // an alert stored by a worker killed before it published is pushed live by the republisher after this
            Map.entry("OPSCENTER_WORKER_REPUBLISH_GRACE", "1s"),
            Map.entry("OPSCENTER_WORKER_REPUBLISH_INTERVAL", "500ms"),
            // a delivery whose sender died mid-send is sent again after send-timeout (1 min), found by the sweeper
            Map.entry("OPSCENTER_RELAY_SEND_TIMEOUT", "3s"),
            Map.entry("OPSCENTER_RELAY_CLAIM_IDLE", "2s"),
            Map.entry("OPSCENTER_RELAY_SWEEP_INTERVAL", "1s"),
            Map.entry("OPSCENTER_RELAY_SWEEP_GRACE", "2s")));

    private static final List<String> SUBSCRIPTIONS = List.of("crash-a", "crash-b");
    private static final Duration RECEIVER_ANSWERS_AFTER = Duration.ofMillis(25);

    @Test
    void killedServicesLoseNoEventAndDuplicateNoAlertOrDelivery() throws Exception {
        Platform platform = PLATFORM.platform();
        TestEnvironment env = PLATFORM.environment();
        ProviderSimulator provider =
                new ProviderSimulator(platform.http(), platform.ingress(), Webhooks.failedWorkflowRun());
        try (WebhookReceiver receiver = WebhookReceiver.start(RECEIVER_ANSWERS_AFTER)) {
            AdminApi admin = new AdminApi(platform);
            for (String name : SUBSCRIPTIONS) {
                admin.create(
                        "/api/subscriptions",
                        Map.of(
                                "name",
                                name,
                                "eventTypes",
                                List.of("*"),
                                "url",
                                receiver.uri("/" + name).toString()));
            }
            crashWhileEventsArriveAndCheckEachOnce(platform, env, provider);
            assertEachEventDeliveredOnceToEachSubscription(env, receiver);
        }
    }

    private void crashWhileEventsArriveAndCheckEachOnce(
            Platform platform, TestEnvironment env, ProviderSimulator provider) throws Exception {
        List<String> deliveryIds = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            deliveryIds.add(UUID.randomUUID().toString());
        }
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<Long>> answers = new ArrayList<>();
        try {
            for (String deliveryId : deliveryIds) {
                answers.add(senders.submit(() -> provider.deliver(deliveryId)));
            }

            // worker dies while events arrive; they wait in the stream and the table
            provider.release(40);
            awaitAtLeast("answered deliveries", provider::answered, 15);
            platform.kill(WORKER);
            awaitAtLeast("answered deliveries", provider::answered, 40);
            provider.release(30);
            platform.restart(WORKER);

            // worker dies again while it works through the backlog
            provider.release(40);
            awaitAtLeast(
                    "processed events",
                    () -> count(env, "SELECT count(*) FROM webhook_events WHERE status = 'processed'"),
                    45);
            platform.kill(WORKER);
            platform.restart(WORKER);

            // ingress dies with requests in flight and more arriving while it is down
            provider.release(25);
            awaitAtLeast("answered deliveries", provider::answered, 120);
            platform.kill(INGRESS);
            provider.release(DELIVERIES - 135);
            platform.restart(INGRESS);

            for (Future<Long> answer : answers) {
                answer.get();
            }
        } finally {
            senders.shutdownNow();
        }
        Instant allAnswered = Instant.now();

        Awaitility.await("every accepted event processed")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(250))
                .failFast(
                        "an event failed",
                        () -> count(env, "SELECT count(*) FROM webhook_events WHERE status = 'failed'") > 0)
                .until(() ->
                        count(env, "SELECT count(*) FROM webhook_events WHERE status = 'processed'") == DELIVERIES);
        System.out.printf(
                "crash recovery: %d accepted, %d answered as duplicates, %d retried sends, all processed %d ms after the last 2xx%n",
                provider.accepted(),
                provider.duplicates(),
                provider.retries(),
                Duration.between(allAnswered, Instant.now()).toMillis());
        System.out.printf(
                "crash recovery: %d events took more than one attempt, %d were re-enqueued by the sweeper%n",
                count(env, "SELECT count(*) FROM webhook_events WHERE attempts > 1"),
                count(env, "SELECT count(*) FROM webhook_events WHERE sweeps > 0"));

        Awaitility.await("every alert on the live feed")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> new HashSet<>(feedEventIds(env)).size() == DELIVERIES);
        Map<String, Long> answered = provider.idByDelivery();
        Map<String, Long> stored = eventIdByDelivery(env);
        List<Long> feed = feedEventIds(env);
        Set<Long> feedOnce = new HashSet<>(feed);
        System.out.printf("crash recovery: %d of %d alerts reached the live feed%n", feedOnce.size(), DELIVERIES);
        assertAll(
                () -> assertEquals(DELIVERIES, count(env, "SELECT count(*) FROM webhook_events"), "events"),
                () -> assertEquals(DELIVERIES, count(env, "SELECT count(*) FROM alerts"), "alerts"),
                () -> assertEquals(
                        DELIVERIES, count(env, "SELECT count(DISTINCT event_id) FROM alerts"), "events with an alert"),
                () -> assertEquals(0, count(env, """
                        SELECT count(*) FROM webhook_events e
                         WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.event_id = e.id)"""), "events without an alert"),
                () -> assertEquals(
                        0,
                        count(env, "SELECT count(*) FROM webhook_events WHERE status <> 'processed'"),
                        "events not processed"),
                () -> assertEquals(stored, answered, "the id answered for each delivery is the event stored for it"),
                () -> assertEquals(DELIVERIES, feed.size(), "every alert reached the live feed exactly once: " + feed),
                () -> assertTrue(stored.values().containsAll(feedOnce), "the feed names only stored events: " + feed));
    }

    private static void assertEachEventDeliveredOnceToEachSubscription(TestEnvironment env, WebhookReceiver receiver) {
        int expected = DELIVERIES * SUBSCRIPTIONS.size();
        Awaitility.await("every delivery succeeded")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(250))
                .failFast(
                        "a delivery failed",
                        () -> count(env, "SELECT count(*) FROM deliveries WHERE status = 'failed'") > 0)
                .until(() -> count(env, "SELECT count(*) FROM deliveries WHERE status = 'succeeded'") == expected);
        List<String> ids = receiver.received().stream()
                .map(r -> r.headers().get("webhook-id"))
                .toList();
        System.out.printf(
                "crash recovery: %d deliveries succeeded; the receivers got %d requests for %d webhook-ids (%d sent again after a kill)%n",
                expected, ids.size(), new HashSet<>(ids).size(), ids.size() - new HashSet<>(ids).size());
        assertAll(
                () -> assertEquals(expected, count(env, "SELECT count(*) FROM deliveries"), "one delivery per pair"),
                () -> assertEquals(
                        expected,
                        count(env, "SELECT count(DISTINCT (event_id, subscription_id)) FROM deliveries"),
                        "every (event, subscription) pair"),
                () -> assertEquals(
                        DELIVERIES,
                        count(env, "SELECT count(DISTINCT event_id) FROM deliveries"),
                        "every event relayed"),
                () -> assertEquals(expected, new HashSet<>(ids).size(), "every delivery reached its receiver"));
    }

    private static void awaitAtLeast(String what, IntSupplier progress, int target) {
        Awaitility.await(target + " " + what)
                .atMost(PROGRESS)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> progress.getAsInt() >= target);
    }

    private static int count(TestEnvironment env, String sql) {
        try (Connection c = env.connection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static Map<String, Long> eventIdByDelivery(TestEnvironment env) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (Connection c = env.connection();
                PreparedStatement s = c.prepareStatement("SELECT delivery_id, id FROM webhook_events");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.put(r.getString(1), r.getLong(2));
            }
        }
        return ids;
    }

    private static List<Long> feedEventIds(TestEnvironment env) {
        RedisClient client = RedisClient.create(env.redisUri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            List<Long> eventIds = new ArrayList<>();
            for (StreamMessage<String, String> entry :
                    redis.sync().xrange(env.redisPrefix() + "feed", Range.create("-", "+"))) {
                JsonNode message = Webhooks.json(entry.getBody().get("msg"));
                eventIds.add(message.path("data").path("eventId").asLong());
            }
            return eventIds;
        } finally {
            client.shutdown();
        }
    }
}
