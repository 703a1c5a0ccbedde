package dev.opscenter.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.worker.StoredRows;
import dev.opscenter.worker.notify.Throttle.Decision;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Throttle decisions against real PostgreSQL, one transaction per decision as the planner makes them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThrottleDecisionIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration WINDOW = Duration.ofSeconds(300);
    // microseconds, as PostgreSQL keeps them
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");
    static final int CALLERS = 8;

    @Inject
    Database db;

    @Inject
    TransactionOperations<Connection> tx;

    Throttle throttle;
    long rule;

    @Override
    public Map<String, String> getProperties() {
        return ENV.properties();
    }

    @BeforeAll
    void setUp() throws SQLException {
        throttle = new Throttle(db);
        StoredRows rows = new StoredRows(ENV);
        long channel = rows.queryLong(
                "INSERT INTO channels (name, type, config) VALUES ('hook', 'webhook', '{}') RETURNING id");
        rule = rows.queryLong(
                "INSERT INTO notification_rules (name, channel_id) VALUES ('throttled', :channel) RETURNING id",
                Params.of("channel", channel));
    }

    @AfterAll
    void drop() {
        ENV.close();
    }

    private Decision decide(String groupKey, Instant now) {
        return tx.executeWrite(status -> throttle.decide(rule, groupKey, WINDOW, now));
    }

    private static Decision suppressed() {
        return new Decision(false, 0);
    }

    @Test
    void firstMessageOfAGroupIsSent() {
        assertEquals(Decision.SEND, decide("first", T0));
    }

    @Test
    void repeatsInsideTheWindowAreSuppressedAndTheNextMessageCountsThem() {
        assertEquals(Decision.SEND, decide("window", T0));
        assertEquals(suppressed(), decide("window", T0.plusSeconds(1)));
        assertEquals(suppressed(), decide("window", T0.plus(WINDOW).minusNanos(1)));
        assertEquals(new Decision(true, 2), decide("window", T0.plus(WINDOW)), "the window ends at last send + window");
        assertEquals(suppressed(), decide("window", T0.plus(WINDOW).plusSeconds(1)));
        assertEquals(
                new Decision(true, 1), decide("window", T0.plus(WINDOW.multipliedBy(2))), "the count starts again");
        assertEquals(
                new Decision(true, 0),
                decide("window", T0.plus(WINDOW.multipliedBy(3))),
                "a quiet window reports none");
    }

    @Test
    void groupKeysAreThrottledApart() {
        assertEquals(Decision.SEND, decide("apart-a", T0));
        assertEquals(Decision.SEND, decide("apart-b", T0.plusSeconds(1)));
        assertEquals(suppressed(), decide("apart-a", T0.plusSeconds(2)));
    }

    @Test
    void concurrentCallersSendOnceAndEveryRepeatIsCounted() throws Exception {
        List<Decision> opening = concurrently("race", T0);
        assertEquals(1, Collections.frequency(opening, Decision.SEND), opening::toString);
        assertEquals(CALLERS - 1, Collections.frequency(opening, suppressed()), opening::toString);

        List<Decision> next = concurrently("race", T0.plus(WINDOW));
        assertEquals(1, Collections.frequency(next, new Decision(true, CALLERS - 1)), next::toString);
        assertEquals(CALLERS - 1, Collections.frequency(next, suppressed()), next::toString);

        assertEquals(new Decision(true, CALLERS - 1), decide("race", T0.plus(WINDOW.multipliedBy(2))));
    }

    /** Decisions of {@link #CALLERS} transactions started together for one group key at one instant. */
    private List<Decision> concurrently(String groupKey, Instant now) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return decide(groupKey, now);
                }));
            }
            start.countDown();
            List<Decision> decisions = new ArrayList<>();
            for (Future<Decision> f : futures) {
                decisions.add(f.get(30, TimeUnit.SECONDS));
            }
            return decisions;
        } finally {
            pool.shutdownNow();
        }
    }
}
