package dev.opscenter.realtime;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** SystemClock provides the wall clock; tests replace it to control time. */
@Factory
final class SystemClock {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
