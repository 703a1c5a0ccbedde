package dev.opscenter.worker.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.crypto.SealedText;
import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.relay.RelaySignatures;
import dev.opscenter.common.relay.RelayedEvent;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.Verification;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.vocabulary.EventStatus;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.worker.StoredRows;
import dev.opscenter.worker.StreamState;
import dev.opscenter.worker.TestClockFactory;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The relay end to end inside the worker, against real PostgreSQL and Redis: events are stored and enqueued as
 * ingress does, the worker processes them and relays them to a real local receiver, which checks both signatures with
 * the documented receiver code. Time is a clock the tests move, so retry schedules are checked without waiting.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** A failed GitHub workflow run, as GitHub posts it (trimmed): it raises an error alert. */
    static final String RUN =
            "{\"action\":\"completed\",\"workflow_run\":{\"name\":\"build\",\"conclusion\":\"failure\","
                    + "\"head_branch\":\"main\",\"html_url\":\"https://github.com/octo/repo/actions/runs/1\"},"
                    + "\"repository\":{\"full_name\":\"octo/repo\"}}";

    @Inject
    MutableClock clock;

    @Inject
    SecretCipher cipher;

    @Inject
    RedisKeys keys;

    @Inject
    JsonMapper json;

    @Inject
    DeliverySweeper sweeper;

    RelayReceiver receiver;
    RelayRows relay;
    RedisCommands<String, String> redis;
    final StoredRows rows = new StoredRows(ENV);
    final List<String> live = new CopyOnWriteArrayList<>();
    long github;
    long otherGithub;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put(TestClockFactory.PROPERTY, "true");
        p.put("opscenter.relay.concurrency", "4");
        p.put("opscenter.relay.endpoint-concurrency", "2");
        p.put("opscenter.relay.block", "200ms");
        p.put("opscenter.relay.max-attempts", "3");
        p.put("opscenter.relay.retry-schedule", "1m,5m");
        p.put("opscenter.relay.sweep-interval", "1h"); // the tests run the sweeper themselves
        return p;
    }

    @BeforeAll
    void setUp() throws Exception {
        receiver = new RelayReceiver();
        relay = new RelayRows(rows, cipher, receiver);
        RedisClient client = RedisClient.create(ENV.redisUri());
        redis = client.connect().sync();
        var sub = client.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                live.add(message);
            }
        });
        sub.sync().subscribe(keys.liveChannel());
        github = rows.source("GitHub", "gh", SourceKind.GITHUB);
        otherGithub = rows.source("GitHub 2", "gh2", SourceKind.GITHUB);
    }

    @AfterAll
    void tearDown() {
        receiver.close();
        ENV.close();
    }

    @BeforeEach
    void clean() throws SQLException {
        receiver.reset();
        rows.execute("UPDATE subscriptions SET is_active = false");
        // a retry left due by an earlier test must not reach this test's receiver once the clock moves
        rows.execute("UPDATE deliveries SET status = 'failed' WHERE status IN ('pending', 'sending')");
    }

    @Test
    void processedWebhookGoesOnceToEachMatchingActiveSubscriptionOnly() throws Exception {
        String secret = RelaySignatures.newSecret();
        List<Long> matching = List.of(
                relay.subscription("exact", List.of("workflow_run"), null, null, secret),
                relay.subscription("glob", List.of("push", "workflow_*"), null, null, secret),
                relay.subscription("all", List.of("*"), null, null, secret),
                relay.subscription("from-gh", List.of("*"), github, null, secret),
                relay.subscription("condition-holds", List.of("*"), null, condition("octo/repo"), secret));
        relay.subscription("other-type", List.of("push", "workflow_run.x"), null, null, secret);
        relay.subscription("other-source", List.of("*"), otherGithub, null, secret);
        relay.subscription("condition-fails", List.of("*"), null, condition("someone/else"), secret);
        long inactive = relay.subscription("inactive", List.of("*"), null, null, secret);
        rows.execute("UPDATE subscriptions SET is_active = false WHERE id = " + inactive);

        long event = webhook(github, RUN);

        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM deliveries WHERE event_id = " + event
                                + " AND status = 'succeeded'")
                        == matching.size());
        assertEquals(
                matching,
                rows.longs("SELECT subscription_id FROM deliveries WHERE event_id = " + event
                        + " ORDER BY subscription_id"),
                "one delivery per matching active subscription, none for the others");
        for (String path : List.of("/exact", "/glob", "/all", "/from-gh", "/condition-holds")) {
            assertEquals(1, receiver.to(path).size(), path);
        }
        assertEquals(matching.size(), receiver.requests().size(), "nothing went to the other subscriptions");
    }

    @Test
    void triggeredEventIsRelayedUnderItsEventSourceName() throws Exception {
        long orders = rows.eventSource("order_created");
        String secret = RelaySignatures.newSecret();
        relay.subscription("orders", List.of("order_*"), null, null, secret);
        relay.subscription("webhooks-only", List.of("*"), github, null, secret);
        String payload = "{\"order\":{\"id\":\"A-7\",\"total\":120}}";

        long event = triggered(orders, "ord-7", payload);

        await().atMost(DEADLINE).until(() -> receiver.to("/orders").size() == 1);
        Map<String, Object> body = body(receiver.to("/orders").get(0));
        assertEquals(event, ((Number) body.get("id")).longValue());
        assertEquals("ord-7", body.get("event_id"));
        assertEquals("order_created", body.get("type"));
        assertEquals("order_created", body.get("source"), "the event source's name");
        assertEquals(json.readValue(payload, Map.class), body.get("payload"));
        assertTrue(receiver.to("/webhooks-only").isEmpty(), "a source filter takes webhooks of that source only");
    }

    @Test
    void bodyIsTheEventWithExactlyTheDocumentedFields() throws Exception {
        relay.subscription("body", List.of("*"), null, null, RelaySignatures.newSecret());
        String raw = "{\"zeta\": 1,   " + RUN.substring(1); // spacing and key order as the provider chose
        long event = webhook(github, raw);

        await().atMost(DEADLINE).until(() -> receiver.to("/body").size() == 1);
        RelayReceiver.Request request = receiver.to("/body").get(0);
        Map<String, Object> body = body(request);
        assertEquals(RelayedEvent.FIELDS, new ArrayList<>(body.keySet()));
        assertEquals(event, ((Number) body.get("id")).longValue());
        assertEquals("delivery-" + event, body.get("event_id"));
        assertEquals("workflow_run", body.get("type"));
        assertEquals("gh", body.get("source"), "the source's slug");
        Instant received = ((Timestamp) rows.row("SELECT received_at FROM webhook_events WHERE id = " + event)
                        .get("received_at"))
                .toInstant();
        assertEquals(received, Instant.parse((String) body.get("received_at")));
        assertTrue(
                request.text().endsWith(",\"payload\":" + raw + "}"),
                "the payload is the body as the provider sent it, byte for byte: " + request.text());
        assertTrue(request.headers().get("content-type").startsWith("application/json"));
    }

    @Test
    void bothSignaturesVerifyWithTheSubscriptionSecretOnly() throws Exception {
        String secret = RelaySignatures.newSecret();
        long subscription = relay.subscription("signed", List.of("*"), null, null, secret);
        long event = webhook(github, RUN);

        await().atMost(DEADLINE).until(() -> receiver.to("/signed").size() == 1);
        RelayReceiver.Request request = receiver.to("/signed").get(0);
        long delivery = relay.deliveryId(event, subscription);
        assertEquals("dlv_" + delivery, request.headers().get("webhook-id"));
        assertTrue(ReceiverExample.standardSignatureValid(secret, request.headers(), request.body(), clock.instant()));
        assertTrue(ReceiverExample.plainSignatureValid(secret, request.headers(), request.body()));
        assertEquals(
                Verification.VERIFIED,
                StandardWebhooks.verify(
                        secret,
                        request.body(),
                        name -> Optional.ofNullable(request.headers().get(name)),
                        clock.instant(),
                        Duration.ofMinutes(5)),
                "the platform's own Standard Webhooks verifier agrees");
        String stranger = RelaySignatures.newSecret();
        assertFalse(
                ReceiverExample.standardSignatureValid(stranger, request.headers(), request.body(), clock.instant()));
        assertFalse(ReceiverExample.plainSignatureValid(stranger, request.headers(), request.body()));
        assertNull(request.headers().get("x-opscenter-signature-previous"), "no rotation, no previous signature");
    }

    @Test
    void duringARotationBothSecretsVerifyAndAfterItOnlyTheNewOne() throws Exception {
        String old = RelaySignatures.newSecret();
        String current = RelaySignatures.newSecret();
        long rotating = relay.subscription("rotating", List.of("*"), null, null, current);
        long rotated = relay.subscription("rotated", List.of("*"), null, null, current);
        relay.previousSecret(rotating, old, clock.instant().plus(Duration.ofHours(23)));
        relay.previousSecret(rotated, old, clock.instant().minus(Duration.ofMinutes(1)));

        webhook(github, RUN);

        await().atMost(DEADLINE).until(() -> receiver.requests().size() == 2);
        RelayReceiver.Request during = receiver.to("/rotating").get(0);
        assertTrue(during.verifies(current, clock.instant()), "the new secret verifies");
        assertTrue(during.verifies(old, clock.instant()), "the old secret still verifies while it is valid");
        RelayReceiver.Request after = receiver.to("/rotated").get(0);
        assertTrue(after.verifies(current, clock.instant()));
        assertFalse(
                ReceiverExample.standardSignatureValid(old, after.headers(), after.body(), clock.instant()),
                "an expired secret signs nothing");
        assertFalse(ReceiverExample.plainSignatureValid(old, after.headers(), after.body()));
    }

    @Test
    void failedAttemptIsRetriedOnScheduleWithTheSameWebhookIdThenSucceeds() throws Exception {
        String secret = RelaySignatures.newSecret();
        long subscription = relay.subscription("flaky", List.of("*"), null, null, secret);
        receiver.then("/flaky", new RelayReceiver.Reply(500, Map.of(), "{\"error\":\"database down\"}"));

        Instant sending = clock.instant();
        long event = webhook(github, RUN);
        await().atMost(DEADLINE)
                .until(() -> relay.attempts(event, subscription) == 1
                        && "pending".equals(relay.status(event, subscription)));
        long delivery = relay.deliveryId(event, subscription);
        Instant next = nextAttempt(delivery);
        assertTrue(
                Duration.between(sending, next).compareTo(Duration.ofSeconds(48)) >= 0
                        && Duration.between(clock.instant(), next).compareTo(Duration.ofSeconds(72)) <= 0,
                "1 min ± 20 %: " + next);

        clock.advance(Duration.ofMinutes(2));
        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, subscription)));
        List<RelayReceiver.Request> requests = receiver.to("/flaky");
        assertEquals(2, requests.size());
        assertEquals(
                requests.get(0).headers().get("webhook-id"),
                requests.get(1).headers().get("webhook-id"));
        assertTrue(requests.get(1).verifies(secret, clock.instant()));
        assertEquals(
                List.of("1 500 {\"error\":\"database down\"} HTTP 500 Internal Server Error", "2 200 ok null"),
                attemptLog(delivery));
        Map<String, Object> row =
                rows.row("SELECT delivered_at, last_status_code, attempts FROM deliveries WHERE id = " + delivery);
        assertNotNull(row.get("delivered_at"));
        assertEquals(200, ((Number) row.get("last_status_code")).intValue());
        assertEquals(2, ((Number) row.get("attempts")).intValue());
    }

    @Test
    void retryAfterFromTheReceiverIsHonoured() throws Exception {
        long subscription = relay.subscription("busy", List.of("*"), null, null, RelaySignatures.newSecret());
        receiver.then("/busy", new RelayReceiver.Reply(429, Map.of("Retry-After", "600"), ""));

        long event = webhook(github, RUN);
        await().atMost(DEADLINE)
                .until(() -> relay.attempts(event, subscription) == 1
                        && "pending".equals(relay.status(event, subscription)));
        Duration wait = Duration.between(clock.instant(), nextAttempt(relay.deliveryId(event, subscription)));
        assertTrue(
                wait.compareTo(Duration.ofSeconds(590)) >= 0 && wait.compareTo(Duration.ofSeconds(600)) <= 0,
                "Retry-After 600 s beats the 1-minute schedule: " + wait);
    }

    @Test
    void retryableFailuresFailTheDeliveryAfterMaxAttempts() throws Exception {
        long subscription = relay.subscription("down", List.of("*"), null, null, RelaySignatures.newSecret());
        for (int i = 0; i < 3; i++) {
            receiver.then("/down", new RelayReceiver.Reply(503, Map.of(), ""));
        }

        long event = webhook(github, RUN);
        await().atMost(DEADLINE)
                .until(() -> relay.attempts(event, subscription) == 1
                        && "pending".equals(relay.status(event, subscription)));
        clock.advance(Duration.ofMinutes(2));
        await().atMost(DEADLINE)
                .until(() -> relay.attempts(event, subscription) == 2
                        && "pending".equals(relay.status(event, subscription)));
        clock.advance(Duration.ofMinutes(7));
        await().atMost(DEADLINE).until(() -> "failed".equals(relay.status(event, subscription)));

        long delivery = relay.deliveryId(event, subscription);
        assertEquals(
                "gave up after 3 attempts: HTTP 503 Service Unavailable",
                rows.row("SELECT last_error FROM deliveries WHERE id = " + delivery)
                        .get("last_error"));
        assertEquals(3, attemptLog(delivery).size());
        assertEquals(3, receiver.to("/down").size());
    }

    @ParameterizedTest
    @CsvSource({
        "http://169.254.169.254/latest/meta-data/, a link-local address", // cloud metadata
        "http://10.1.2.3/hook, a private address",
        "http://[fd00::1]/hook, a private address", // unique local IPv6
        "http://0.0.0.0:8080/hook, an unspecified address",
    })
    void aTargetOutsideThePublicInternetIsRefusedBeforeConnectingAndNotRetried(String url, String kind)
            throws Exception {
        // stored as is, as if its host had resolved to a public address when the subscription was saved
        long subscription = relay.subscriptionAt(url);

        long event = webhook(github, RUN);
        await().atMost(DEADLINE).until(() -> "failed".equals(relay.status(event, subscription)));
        assertEquals(1, relay.attempts(event, subscription), "refused once, never retried");
        assertEquals(
                "destination not allowed: the host resolves to " + kind,
                relay.delivery(event, subscription).get("last_error"));
    }

    @Test
    void clientErrorFailsTheDeliveryAtOnce() throws Exception {
        long subscription = relay.subscription("refusing", List.of("*"), null, null, RelaySignatures.newSecret());
        receiver.then("/refusing", new RelayReceiver.Reply(400, Map.of(), "{\"error\":\"unknown event\"}"));

        long event = webhook(github, RUN);
        await().atMost(DEADLINE).until(() -> "failed".equals(relay.status(event, subscription)));
        long delivery = relay.deliveryId(event, subscription);
        assertEquals(1, relay.attempts(event, subscription));
        assertEquals(
                List.of("1 400 {\"error\":\"unknown event\"} HTTP 400 Bad Request"),
                attemptLog(delivery),
                "the reply body is logged with the attempt");
        assertEquals(
                "HTTP 400 Bad Request",
                rows.row("SELECT last_error FROM deliveries WHERE id = " + delivery)
                        .get("last_error"));
    }

    @Test
    void aRedeliveredOrReprocessedEventCreatesNoSecondDelivery() throws Exception {
        long subscription = relay.subscription("once", List.of("*"), null, null, RelaySignatures.newSecret());
        long event = webhook(github, RUN);
        enqueueEvent(event); // a duplicate stream entry
        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, subscription)));

        rows.execute("UPDATE webhook_events SET status = 'pending' WHERE id = "
                + event); // processed again, as after a replay
        enqueueEvent(event);
        await().atMost(DEADLINE)
                .until(() -> "processed"
                                .equals(rows.row("SELECT status FROM webhook_events WHERE id = " + event)
                                        .get("status"))
                        && StreamState.drained(redis, keys.events(), RedisKeys.WORKERS_GROUP)
                        && StreamState.drained(redis, keys.deliveries(), RedisKeys.RELAYS_GROUP));
        assertEquals(
                2,
                ((Number) rows.row("SELECT attempts FROM webhook_events WHERE id = " + event)
                                .get("attempts"))
                        .intValue(),
                "the event was processed twice");
        assertEquals(1, rows.count("SELECT count(*) FROM deliveries WHERE event_id = " + event));
        assertEquals(1, receiver.to("/once").size());
    }

    @Test
    void deliveryStuckInSendingIsSentAgainBySweeperExactlyOnce() throws Exception {
        long subscription = relay.subscription("stuck", List.of("*"), null, null, RelaySignatures.newSecret());
        long event = processedEvent();
        // its sender died mid-send an hour ago: sending, its deadline long past
        long delivery = rows.queryLong("""
                INSERT INTO deliveries (event_id, subscription_id, status, attempts, next_attempt_at, updated_at)
                VALUES (:event, :subscription, 'sending', 1, now() - interval '1 hour', now() - interval '1 hour')
                RETURNING id""", Params.of("event", event).and("subscription", subscription));

        sweeper.run();
        sweeper.run(); // a second round right after finds it swept already
        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, subscription)));
        sweeper.run();
        await().atMost(DEADLINE).until(() -> StreamState.drained(redis, keys.deliveries(), RedisKeys.RELAYS_GROUP));

        assertEquals(1, entriesFor(delivery), "enqueued once");
        assertEquals(1, receiver.to("/stuck").size(), "sent once");
        assertEquals(2, relay.attempts(event, subscription), "the lost attempt counts");
    }

    @Test
    void aSlowEndpointDoesNotHoldUpAFastOne() throws Exception {
        long slow = relay.subscription("slow", List.of("*"), null, null, RelaySignatures.newSecret());
        long fast = relay.subscription("fast", List.of("*"), null, null, RelaySignatures.newSecret());
        CountDownLatch release = new CountDownLatch(1);
        receiver.hold("/slow", release);

        long event = webhook(github, RUN);
        try {
            await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, fast)));
            assertEquals(1, receiver.to("/slow").size(), "the slow endpoint got its request first");
            assertEquals("sending", relay.status(event, slow), "and has not answered yet");
        } finally {
            release.countDown();
        }
        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, slow)));
    }

    @Test
    void aSlowEndpointWithMoreDeliveriesThanReadersHoldsOnlyItsSlotsAndLosesNoAttempt() throws Exception {
        long slow = relay.subscription("slow", List.of("*"), null, null, RelaySignatures.newSecret());
        long fast = relay.subscription("fast", List.of("*"), null, null, RelaySignatures.newSecret());
        CountDownLatch release = new CountDownLatch(1);
        receiver.hold("/slow", release);

        List<Long> events = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) { // more than the 4 readers
                events.add(webhook(github, RUN));
            }
            await().atMost(DEADLINE).until(() -> allSucceeded(events, fast));
            assertEquals(2, receiver.to("/slow").size(), "the slow endpoint holds its 2 slots, no more");
        } finally {
            release.countDown();
        }
        await().atMost(DEADLINE).until(() -> allSucceeded(events, slow));
        assertEquals(6, receiver.to("/slow").size(), "each delivery sent once");
        for (long event : events) {
            assertEquals(1, relay.attempts(event, slow), "waiting for a slot is not an attempt");
        }
    }

    @Test
    void disabledSubscriptionFailsItsDeliveryWithoutSending() throws Exception {
        long subscription = relay.subscription("switched-off", List.of("*"), null, null, RelaySignatures.newSecret());
        long event = processedEvent();
        long delivery = rows.queryLong("""
                INSERT INTO deliveries (event_id, subscription_id, next_attempt_at)
                VALUES (:event, :subscription, now()) RETURNING id""", Params.of("event", event).and("subscription", subscription));
        rows.execute("UPDATE subscriptions SET is_active = false WHERE id = " + subscription);
        redis.xadd(keys.deliveries(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(delivery)));

        await().atMost(DEADLINE).until(() -> "failed".equals(relay.status(event, subscription)));
        assertEquals(
                "subscription is disabled",
                rows.row("SELECT last_error FROM deliveries WHERE id = " + delivery)
                        .get("last_error"));
        assertEquals(0, relay.attempts(event, subscription), "nothing was attempted");
        assertTrue(receiver.to("/switched-off").isEmpty());
    }

    @Test
    void statusChangesArePublishedLiveAsDeliveryMessages() throws Exception {
        long subscription = relay.subscription("watched", List.of("*"), null, null, RelaySignatures.newSecret());
        receiver.then("/watched", new RelayReceiver.Reply(502, Map.of(), ""));

        long event = webhook(github, RUN);
        await().atMost(DEADLINE)
                .until(() -> "pending".equals(relay.status(event, subscription))
                        && relay.attempts(event, subscription) == 1);
        long delivery = relay.deliveryId(event, subscription);
        clock.advance(Duration.ofMinutes(2));
        await().atMost(DEADLINE).until(() -> liveStatuses(delivery).size() == 2);

        assertEquals(List.of("pending", "succeeded"), liveStatuses(delivery));
        Map<String, Object> last = deliveryMessages(delivery).get(1);
        assertEquals(event, ((Number) last.get("eventId")).longValue());
        assertEquals(subscription, ((Number) last.get("subscriptionId")).longValue());
        assertEquals(2, ((Number) last.get("attempts")).intValue());
        assertEquals(200, ((Number) last.get("lastStatusCode")).intValue());
        assertEquals("HTTP 502 Bad Gateway", last.get("lastError"), "the last failure stays on record");
        assertNotNull(last.get("deliveredAt"));
    }

    @Test
    void aManualRetryOfAFailedDeliveryGetsAFreshSetOfAttempts() throws Exception {
        long subscription = relay.subscription("flaky", List.of("*"), null, null, RelaySignatures.newSecret());
        for (int i = 0; i < 3; i++) {
            receiver.then("/flaky", new RelayReceiver.Reply(503, Map.of(), ""));
        }
        long event = webhook(github, RUN);
        await().atMost(DEADLINE).until(() -> relay.attempts(event, subscription) == 1);
        clock.advance(Duration.ofMinutes(2));
        await().atMost(DEADLINE).until(() -> relay.attempts(event, subscription) == 2);
        clock.advance(Duration.ofMinutes(7));
        await().atMost(DEADLINE).until(() -> "failed".equals(relay.status(event, subscription)));
        long delivery = relay.deliveryId(event, subscription);

        // what POST /api/deliveries/{id}/retry commits, then its enqueue
        rows.execute(
                "UPDATE deliveries SET status = 'pending', next_attempt_at = now(), attempts_before_retry = attempts"
                        + " WHERE id = " + delivery);
        redis.xadd(keys.deliveries(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(delivery)));

        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, subscription)));
        assertEquals(4, relay.attempts(event, subscription), "the attempt log numbers on");
        assertEquals(4, attemptLog(delivery).size());
        assertEquals(4, receiver.to("/flaky").size());
    }

    @Test
    void customHeadersAreSentWithTheirStoredSealedValuesOpened() throws Exception {
        long subscription = relay.subscription("custom", List.of("*"), null, null, RelaySignatures.newSecret());
        rows.execute("UPDATE subscriptions SET headers = jsonb_build_object('X-Tenant', '"
                + SealedText.seal(cipher, "tenant-42") + "') WHERE id = " + subscription);

        long event = webhook(github, RUN);
        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, subscription)));

        assertEquals("tenant-42", receiver.to("/custom").get(0).headers().get("x-tenant"));
    }

    // ---- helpers

    private static String condition(String repository) {
        return "{\"all\":[{\"path\":\"payload.repository.full_name\",\"op\":\"eq\",\"value\":\"" + repository + "\"}]}";
    }

    private boolean allSucceeded(List<Long> events, long subscription) throws SQLException {
        for (long event : events) {
            if (!"succeeded".equals(relay.status(event, subscription))) {
                return false;
            }
        }
        return true;
    }

    /** Stores a GitHub workflow_run webhook as ingress does and enqueues it. */
    private long webhook(long source, String payload) throws SQLException {
        long event = rows.webhook(source, "workflow_run")
                .payload(payload)
                .deliveryId(UUID.randomUUID().toString())
                .store();
        rows.execute("UPDATE webhook_events SET delivery_id = 'delivery-' || id WHERE id = " + event);
        enqueueEvent(event);
        return event;
    }

    /** Stores an event triggered through the event source (its type is the source's name) and enqueues it. */
    private long triggered(long eventSource, String deliveryId, String payload) throws SQLException {
        long event = rows.triggered(eventSource)
                .deliveryId(deliveryId)
                .payload(payload)
                .store();
        enqueueEvent(event);
        return event;
    }

    /** An event processed already (never enqueued), for deliveries a test writes itself. */
    private long processedEvent() throws SQLException {
        long event = rows.webhook(github, "workflow_run")
                .payload(RUN)
                .deliveryId(UUID.randomUUID().toString())
                .status(EventStatus.PROCESSED)
                .store();
        rows.execute("UPDATE webhook_events SET processed_at = now() WHERE id = " + event);
        return event;
    }

    private void enqueueEvent(long event) {
        redis.xadd(keys.events(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(event)));
    }

    private long entriesFor(long delivery) {
        return redis.xrange(keys.deliveries(), Range.create("-", "+")).stream()
                .filter(e -> Long.toString(delivery).equals(e.getBody().get(RedisKeys.EVENT_ID_FIELD)))
                .count();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(RelayReceiver.Request request) throws Exception {
        return json.readValue(request.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveryMessages(long delivery) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String message : live) {
            try {
                Map<String, Object> m = json.readValue(message, Map.class);
                if ("delivery".equals(m.get("type"))
                        && ((Number) ((Map<String, Object>) m.get("data")).get("id")).longValue() == delivery) {
                    out.add((Map<String, Object>) m.get("data"));
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(message, e);
            }
        }
        return out;
    }

    private List<Object> liveStatuses(long delivery) {
        return deliveryMessages(delivery).stream().map(m -> m.get("status")).toList();
    }

    private Instant nextAttempt(long delivery) throws SQLException {
        return ((Timestamp) rows.row("SELECT next_attempt_at FROM deliveries WHERE id = " + delivery)
                        .get("next_attempt_at"))
                .toInstant();
    }

    /** Each attempt as "attempt status body error", in order. */
    private List<String> attemptLog(long delivery) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ENV.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT attempt, status_code, response_body, error, latency_ms FROM delivery_attempts WHERE delivery_id = "
                                + delivery + " ORDER BY attempt")) {
            while (r.next()) {
                assertTrue(r.getInt("latency_ms") >= 0);
                out.add(r.getInt("attempt") + " " + r.getObject("status_code") + " " + r.getString("response_body")
                        + " " + r.getString("error"));
            }
        }
        return out;
    }
}
