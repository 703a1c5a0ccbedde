package dev.opscenter.worker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "attempt {0}, random {1} -> {2} ms")
    @CsvSource({
        "1, 0.5, 2000", // base, no jitter at the middle
        "2, 0.5, 4000", // doubles
        "3, 0.5, 8000",
        "1, 0.0, 1600", // -20%
        "1, 1.0, 2400", // +20%
        "0, 0.5, 2000"
    }) // never below the base
    void waitsBaseTimesTwoToTheAttemptWithJitter(int attempt, double random, long expectedMillis) {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), () -> random);
        assertEquals(Duration.ofMillis(expectedMillis), backoff.after(attempt));
    }
}
