package dev.opscenter.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendScheduleTest {
    private static final List<Duration> WAITS =
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

    @ParameterizedTest(name = "after attempt {0} with random {1}: {2} s")
    @CsvSource({
        "1, 0.5, 60", // the first retry waits a minute
        "2, 0.5, 300", // then five
        "3, 0.5, 900", // then fifteen
        "1, 0.0, 48", // -20 %
        "1, 1.0, 72"
    }) // +20 %
    void followsTheScheduleWithJitter(int attempts, double random, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), new SendSchedule(WAITS, 0.2, () -> random).next(attempts, null));
    }

    @Test
    void aLongerRetryAfterWins() {
        SendSchedule schedule = new SendSchedule(WAITS, 0.2, () -> 0.5);
        assertEquals(Duration.ofMinutes(10), schedule.next(1, Duration.ofMinutes(10)));
        assertEquals(
                Duration.ofMinutes(1),
                schedule.next(1, Duration.ofSeconds(5)),
                "a shorter one does not speed retries up");
    }

    @Test
    void threeRetriesThenNoMore() {
        SendSchedule schedule = new SendSchedule(WAITS, 0.2, () -> 0.5);
        assertTrue(schedule.mayRetry(1));
        assertTrue(schedule.mayRetry(3));
        assertFalse(schedule.mayRetry(4), "four attempts in all: the first and three retries");
    }
}
