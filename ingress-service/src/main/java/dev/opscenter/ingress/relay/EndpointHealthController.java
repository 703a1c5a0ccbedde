package dev.opscenter.ingress.relay;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;

/**
 * {@code GET /api/subscriptions/{id}/health}: how the subscription's endpoint answered over the last hour and the last
 * day (attempts, success rate, latency percentiles) and when it last succeeded and failed.
 */
@Controller("/api/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
final class EndpointHealthController {
    private final EndpointHealthRepository health;
    private final Clock clock;

    EndpointHealthController(EndpointHealthRepository health, Clock clock) {
        this.health = health;
        this.clock = clock;
    }

    @Get("/{id}/health")
    EndpointHealthRepository.EndpointHealth health(long id) {
        return health.health(id, clock.instant()).orElseThrow(() -> SubscriptionController.notFound(id));
    }
}
