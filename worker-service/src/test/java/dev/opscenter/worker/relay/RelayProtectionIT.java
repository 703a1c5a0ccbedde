package dev.opscenter.worker.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.worker.StoredRows;
import dev.opscenter.worker.TestClockFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay's endpoint protection against real PostgreSQL, Redis and local receivers: the per-subscription rate
 * limit, the circuit breaker and the auto-disable with its alert. Time is a clock the tests move: cool-downs and the
 * 24 h failure period pass without waiting.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayProtectionIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** What the breaker's timestamps may differ by from the clock read around them (the clock keeps ticking). */
    static final Duration SLACK = Duration.ofSeconds(5);

    static final String RUN =
            "{\"action\":\"completed\",\"workflow_run\":{\"name\":\"build\",\"conclusion\":\"failure\"},"
                    + "\"repository\":{\"full_name\":\"octo/repo\"}}";

    @Inject
    MutableClock clock;

    @Inject
    SecretCipher cipher;

    @Inject
    RedisKeys keys;

    @Inject
    EndpointGuard guard;

    @Inject
    TransactionOperations<Connection> tx;

    RelayReceiver receiver;
    RelayRows relay;
    RedisCommands<String, String> redis;
    final StoredRows rows = new StoredRows(ENV);
    long github;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put(TestClockFactory.PROPERTY, "true");
        p.put("opscenter.relay.concurrency", "4");
        p.put("opscenter.relay.block", "200ms");
        p.put("opscenter.relay.max-attempts", "5");
        p.put("opscenter.relay.retry-schedule", "1m,5m");
        p.put("opscenter.relay.jitter", "0");
        p.put("opscenter.relay.breaker-failures", "3");
        p.put("opscenter.relay.sweep-interval", "1h");
        p.put("opscenter.worker.retry-interval", "200ms");
        return p;
    }

    @BeforeAll
    void setUp() throws Exception {
        receiver = new RelayReceiver();
        relay = new RelayRows(rows, cipher, receiver);
        redis = RedisClient.create(ENV.redisUri()).connect().sync();
        github = rows.source("GitHub", "gh", SourceKind.GITHUB);
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
        rows.execute("UPDATE deliveries SET status = 'failed' WHERE status IN ('pending', 'sending')");
    }

    @Test
    void rateLimitSpacesSendsWithoutCountingAttempts() throws Exception {
        long limited = relay.subscription("limited");
        rows.execute("UPDATE subscriptions SET rate_limit_per_second = 1 WHERE id = " + limited);

        List<Long> events = List.of(webhook(), webhook(), webhook());

        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM deliveries WHERE subscription_id = " + limited
                                + " AND status = 'succeeded'")
                        == 3);
        assertEquals(3, receiver.to("/limited").size());
        for (long event : events) {
            assertEquals(
                    List.of(1L),
                    rows.longs("SELECT d.attempts FROM deliveries d WHERE d.event_id = " + event),
                    "a delivery put back by the limit has no attempt counted");
        }
        List<Instant> sent = rows.instants("SELECT a.attempted_at FROM delivery_attempts a JOIN deliveries d"
                + " ON d.id = a.delivery_id WHERE d.subscription_id = " + limited + " ORDER BY a.attempted_at");
        assertEquals(3, sent.size(), "one attempt row per delivery");
        for (int i = 1; i < sent.size(); i++) {
            Duration gap = Duration.between(sent.get(i - 1), sent.get(i));
            // a second apart by the limiter's clock; sent a few milliseconds after each permit was taken
            assertTrue(gap.compareTo(Duration.ofMillis(800)) >= 0, "one a second, at most: " + sent);
        }
    }

    @Test
    void breakerOpensAfterTheFailuresAndNoRequestReachesTheEndpointWhileOpen() throws Exception {
        Instant before = clock.instant();
        long down = failingSubscription("down");
        Instant openUntil = openUntil(down);
        assertNear(before.plus(Duration.ofMinutes(1)), openUntil);
        assertEquals(3, intColumn(down, "consecutive_failures"));
        assertEquals(1, intColumn(down, "breaker_opens"));

        long fourth = webhook();
        long fifth = webhook();
        await().atMost(DEADLINE)
                .until(() -> openUntil.equals(relay.nextAttempt(fourth, down))
                        && openUntil.equals(relay.nextAttempt(fifth, down)));
        assertEquals(3, receiver.to("/down").size(), "nothing was sent while open");
        assertEquals(
                0,
                rows.longs("SELECT attempts FROM deliveries WHERE event_id = " + fourth)
                        .get(0));
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id"
                        + " WHERE d.event_id IN (" + fourth + ", " + fifth + ")"));
        assertEquals(3, intColumn(down, "consecutive_failures"), "deferrals are not failures");
    }

    @Test
    void anotherSubscriptionIsDeliveredWhileOneBreakerIsOpen() throws Exception {
        long up = relay.subscription("up");
        long down = failingSubscription("down");
        Instant openUntil = openUntil(down);

        long event = webhook();

        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, up)));
        await().atMost(DEADLINE).until(() -> openUntil.equals(relay.nextAttempt(event, down)));
        assertEquals(4, receiver.to("/up").size());
        assertEquals(3, receiver.to("/down").size());
    }

    @Test
    void halfOpenProbeThatSucceedsClosesTheBreaker() throws Exception {
        long flaky = failingSubscription("flaky"); // the receiver answers 200 from now on
        long waiting = webhook();
        await().atMost(DEADLINE).until(() -> openUntil(flaky).equals(relay.nextAttempt(waiting, flaky)));

        clock.advance(Duration.ofSeconds(61));
        await().atMost(DEADLINE)
                .until(() -> rows.row("SELECT breaker_open_until IS NULL AS closed FROM subscriptions" + " WHERE id = "
                                + flaky)
                        .get("closed")
                        .equals(true));
        assertEquals(0, intColumn(flaky, "consecutive_failures"));
        assertEquals(0, intColumn(flaky, "breaker_opens"));
        assertNull(rows.row("SELECT failing_since FROM subscriptions WHERE id = " + flaky)
                .get("failing_since"));

        // the others waited for the probe's deadline; then everything flows
        clock.advance(Duration.ofMinutes(2));
        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM deliveries WHERE subscription_id = " + flaky
                                + " AND status = 'succeeded'")
                        == 4);
        assertEquals(7, receiver.to("/flaky").size(), "three failures, then one success per delivery");
    }

    @Test
    void halfOpenProbeThatFailsReopensForTwiceTheCooldown() throws Exception {
        long broken = failingSubscription("broken");
        for (int i = 0; i < 10; i++) {
            receiver.then("/broken", new RelayReceiver.Reply(503, Map.of(), ""));
        }

        clock.advance(Duration.ofSeconds(61));
        Instant probing = clock.instant();
        await().atMost(DEADLINE).until(() -> intColumn(broken, "breaker_opens") == 2);
        assertNear(probing.plus(Duration.ofMinutes(2)), openUntil(broken));
        // the other due deliveries were put back until the probe's deadline, unsent
        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM deliveries WHERE subscription_id = " + broken
                                + " AND (status = 'sending' OR next_attempt_at <= '" + clock.instant() + "')")
                        == 0);
        assertEquals(4, receiver.to("/broken").size(), "three failures, then one probe");
        assertEquals(4, intColumn(broken, "consecutive_failures"));
    }

    @Test
    void subscriptionFailingForTheWholePeriodIsDisabledWithOneErrorAlert() throws Exception {
        Instant firstFailure = clock.instant();
        long dying = failingSubscription("dying");
        for (int i = 0; i < 10; i++) {
            receiver.then("/dying", new RelayReceiver.Reply(500, Map.of(), ""));
        }
        String name = (String)
                rows.row("SELECT name FROM subscriptions WHERE id = " + dying).get("name");

        clock.advance(Duration.ofHours(24));
        await().atMost(DEADLINE)
                .until(() -> rows.row("SELECT is_active FROM subscriptions WHERE id = " + dying)
                        .get("is_active")
                        .equals(false));
        String reason = (String) rows.row("SELECT disabled_reason FROM subscriptions WHERE id = " + dying)
                .get("disabled_reason");
        assertTrue(reason.startsWith("failing since "), reason);
        assertTrue(reason.endsWith(": HTTP 500 Internal Server Error"), reason);
        Instant since = Instant.parse(reason.substring("failing since ".length(), reason.indexOf(": ")));
        assertNear(firstFailure, since);

        await().atMost(DEADLINE).until(() -> alertsNaming(name) == 1);
        Map<String, Object> alert = rows.row("SELECT a.title, a.message, a.severity FROM alerts a"
                + " JOIN webhook_events e ON e.id = a.event_id WHERE a.title LIKE '%" + name + "%'");
        assertEquals("Relay subscription '" + name + "' disabled", alert.get("title"));
        assertEquals("error", alert.get("severity"));
        assertTrue(((String) alert.get("message")).contains("HTTP 500"), (String) alert.get("message"));
    }

    @Test
    void failuresAfterTheDisableRaiseNoSecondAlert() throws Exception {
        long late = relay.subscription("late");
        String name = (String)
                rows.row("SELECT name FROM subscriptions WHERE id = " + late).get("name");
        // an endpoint failing for 25 h already, below the breaker's threshold
        rows.queryLong(
                "UPDATE subscriptions SET consecutive_failures = 1, failing_since = :since WHERE id = :id RETURNING id",
                Params.of("since", clock.instant().minus(Duration.ofHours(25))).and("id", late));
        CountDownLatch release = new CountDownLatch(1);
        receiver.hold("/late", release);
        for (int i = 0; i < 3; i++) {
            receiver.then("/late", new RelayReceiver.Reply(500, Map.of(), ""));
        }

        for (int i = 0; i < 3; i++) {
            webhook();
        }
        await().atMost(DEADLINE).until(() -> receiver.to("/late").size() == 3); // all three in flight
        release.countDown();

        await().atMost(DEADLINE)
                .until(() ->
                        rows.count("SELECT count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id"
                                        + " WHERE d.subscription_id = " + late)
                                == 3);
        await().atMost(DEADLINE).until(() -> alertsNaming(name) == 1);
        assertEquals(
                1,
                rows.count("SELECT count(*) FROM webhook_events WHERE delivery_id LIKE 'subscription-" + late
                        + "-disabled-%'"),
                "one event for the failure period, however many failures follow");
        assertEquals(1, alertsNaming(name));
        assertEquals(4, intColumn(late, "consecutive_failures"), "the later failures still count");
    }

    /**
     * The next release drops the constraint V27 deprecated: the disable event's repeat in one failure period is then
     * found through the unique index that holds triggered events only. Checked in a transaction that drops the
     * constraint and is rolled back.
     */
    @Test
    void theDisableEventRepeatsOnItsOwnIndexWithoutTheDeprecatedConstraint() throws Exception {
        long failing = relay.subscription("without-constraint");
        Instant since = clock.instant().minus(Duration.ofHours(25));
        rows.queryLong(
                "UPDATE subscriptions SET consecutive_failures = 1, failing_since = :since WHERE id = :id RETURNING id",
                Params.of("since", since).and("id", failing));

        List<Optional<Long>> recorded = tx.executeWrite(status -> {
            try (Statement sql = status.getConnection().createStatement()) {
                sql.execute("ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_trigger_id");
                Optional<Long> first = guard.failed(failing, clock.instant(), false, "HTTP 500");
                // switched on again by hand while it still fails: the same failure period, the same event
                sql.execute("UPDATE subscriptions SET is_active = true WHERE id = " + failing);
                Optional<Long> second = guard.failed(failing, clock.instant(), false, "HTTP 500");
                status.setRollbackOnly(); // the constraint and the event stay out of the other tests
                return List.of(first, second);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertTrue(recorded.get(0).isPresent(), "the disable records its event");
        assertEquals(Optional.empty(), recorded.get(1), "the repeat in the same failure period records none");
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM webhook_events WHERE delivery_id LIKE 'subscription-" + failing
                        + "-disabled-%'"),
                "rolled back");
    }

    @Test
    void aSuccessRestartsTheFailureClock() throws Exception {
        long recovering = relay.subscription("recovering");
        receiver.then("/recovering", new RelayReceiver.Reply(500, Map.of(), ""));
        long failing = webhook();
        await().atMost(DEADLINE).until(() -> intColumn(recovering, "consecutive_failures") == 1);
        long answered = webhook();
        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(answered, recovering)));
        assertEquals(0, intColumn(recovering, "consecutive_failures"));
        assertNull(rows.row("SELECT failing_since FROM subscriptions WHERE id = " + recovering)
                .get("failing_since"));

        receiver.then("/recovering", new RelayReceiver.Reply(500, Map.of(), ""));
        clock.advance(Duration.ofHours(25)); // the first delivery's retry comes due and fails
        Instant retried = clock.instant();
        await().atMost(DEADLINE).until(() -> intColumn(recovering, "consecutive_failures") == 1);
        assertEquals(
                2,
                rows.longs("SELECT attempts FROM deliveries WHERE event_id = " + failing)
                        .get(0));
        assertNear(
                retried,
                ((Timestamp) rows.row("SELECT failing_since FROM subscriptions WHERE id = " + recovering)
                                .get("failing_since"))
                        .toInstant());
        assertEquals(
                true,
                rows.row("SELECT is_active FROM subscriptions WHERE id = " + recovering)
                        .get("is_active"));
    }

    @Test
    void reactivatedSubscriptionStartsWithTheBreakerClosed() throws Exception {
        long off = relay.subscription("off");
        rows.execute("UPDATE subscriptions SET is_active = false, disabled_reason = 'failing since then: HTTP 500',"
                + " consecutive_failures = 40, failing_since = now() - interval '25 hours',"
                + " breaker_open_until = now() + interval '1 hour', breaker_opens = 6 WHERE id = " + off);

        rows.execute(
                "UPDATE subscriptions SET is_active = true, disabled_reason = NULL WHERE id = " + off); // as PUT does

        Map<String, Object> row =
                rows.row("SELECT consecutive_failures, failing_since, breaker_open_until, breaker_opens"
                        + " FROM subscriptions WHERE id = " + off);
        assertEquals(0, ((Number) row.get("consecutive_failures")).intValue());
        assertNull(row.get("failing_since"));
        assertNull(row.get("breaker_open_until"));
        assertEquals(0, ((Number) row.get("breaker_opens")).intValue());
        long event = webhook();
        await().atMost(DEADLINE).until(() -> "succeeded".equals(relay.status(event, off)));
    }

    // ---- helpers

    /** A subscription whose endpoint failed three deliveries (the threshold): its breaker is open. */
    private long failingSubscription(String path) throws SQLException {
        long id = relay.subscription(path);
        for (int i = 0; i < 3; i++) {
            receiver.then("/" + path, new RelayReceiver.Reply(500, Map.of(), ""));
        }
        for (int i = 0; i < 3; i++) {
            webhook();
        }
        await().atMost(DEADLINE).until(() -> intColumn(id, "breaker_opens") == 1);
        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM deliveries WHERE subscription_id = " + id
                                + " AND status = 'pending' AND attempts = 1")
                        == 3);
        return id;
    }

    /** Stores a GitHub workflow_run webhook as ingress does and enqueues it. */
    private long webhook() throws SQLException {
        long event = rows.webhook(github, "workflow_run")
                .payload(RUN)
                .deliveryId(UUID.randomUUID().toString())
                .store();
        redis.xadd(keys.events(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(event)));
        return event;
    }

    private long alertsNaming(String subscription) throws SQLException {
        return rows.count("SELECT count(*) FROM alerts a JOIN webhook_events e ON e.id = a.event_id"
                + " JOIN event_sources es ON es.id = e.event_source_id"
                + " WHERE es.name = 'opscenter.subscription.disabled' AND a.title LIKE '%" + subscription + "%'");
    }

    private Instant openUntil(long subscription) throws SQLException {
        return ((Timestamp) rows.row("SELECT breaker_open_until FROM subscriptions WHERE id = " + subscription)
                        .get("breaker_open_until"))
                .toInstant();
    }

    private int intColumn(long subscription, String column) throws SQLException {
        return ((Number) rows.row("SELECT " + column + " FROM subscriptions WHERE id = " + subscription)
                        .get(column))
                .intValue();
    }

    private static void assertNear(Instant expected, Instant actual) {
        assertTrue(
                Duration.between(expected, actual).abs().compareTo(SLACK) <= 0,
                "expected about " + expected + ", was " + actual);
    }
}
