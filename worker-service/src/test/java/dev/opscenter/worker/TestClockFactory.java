package dev.opscenter.worker;

import dev.opscenter.common.testing.MutableClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * TestClockFactory gives a test's application a {@link MutableClock} in place of the system clock when the test sets
 * {@value #PROPERTY}; the test injects it to move time. A plain singleton rather than a {@code @MockBean}: a mock bean
 * sits behind a refreshable proxy that micronaut-test refreshes between tests, and a consumer thread reading the
 * clock during that refresh failed with "No lock present for object".
 */
@Factory
@Requires(property = TestClockFactory.PROPERTY, value = "true")
public final class TestClockFactory {
    /** The property a test sets to "true" to run on a MutableClock. */
    public static final String PROPERTY = "opscenter.test.mutable-clock";

    @Singleton
    @Replaces(Clock.class)
    MutableClock clock() {
        return new MutableClock();
    }
}
