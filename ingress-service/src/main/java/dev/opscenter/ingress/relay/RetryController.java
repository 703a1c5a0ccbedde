package dev.opscenter.ingress.relay;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.relay.DeliveryMessage;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Manual retries of failed deliveries: one ({@code POST /api/deliveries/{id}/retry}) or all of a subscription
 * ({@code POST /api/subscriptions/{id}/retry-failed}). Each is committed pending and due first, then its id goes on
 * the deliveries stream.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RetryController {
    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final DeliveryQueue queue;
    private final Clock clock;

    RetryController(
            DeliveryRepository deliveries, SubscriptionRepository subscriptions, DeliveryQueue queue, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.clock = clock;
    }

    @Post("/deliveries/{id}/retry")
    HttpResponse<DeliveryMessage> retry(long id) {
        DeliveryMessage retried = deliveries.retry(id, clock.instant()).orElseThrow(() -> {
            DeliveryMessage delivery = deliveries.find(id).orElseThrow(() -> DeliveryController.notFound(id));
            return new ProblemException(
                    HttpStatus.CONFLICT,
                    "Not failed",
                    "delivery " + id + " is " + delivery.status().wire() + "; only failed deliveries are retried");
        });
        queue.enqueue(List.of(id));
        return HttpResponse.accepted().body(retried);
    }

    @Post("/subscriptions/{id}/retry-failed")
    HttpResponse<Map<String, Integer>> retryFailed(long id) {
        if (!subscriptions.exists(id)) {
            throw SubscriptionController.notFound(id);
        }
        List<Long> retried = deliveries.retryFailed(id, clock.instant());
        queue.enqueue(retried);
        return HttpResponse.accepted().body(Map.of("retried", retried.size()));
    }
}
