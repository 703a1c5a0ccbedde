package dev.opscenter.realtime.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanOutLivenessIT extends RealtimeIT {
    @Inject
    ApplicationContext context;

    @Inject
    FanOutLiveness fanOut;

    @Test
    void isPartOfLivenessAndUpWhileSubscribed() {
        assertEquals(
                1,
                context.getBeansOfType(HealthIndicator.class, Qualifiers.byStereotype(Liveness.class)).stream()
                        .filter(indicator -> indicator instanceof FanOutLiveness)
                        .count());
        assertEquals(HealthStatus.UP, fanOut.check().getStatus());
    }
}
