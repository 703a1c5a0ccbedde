package dev.opscenter.ingress.relay;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.relay.DeliveryMessage;
import dev.opscenter.common.vocabulary.DeliveryStatus;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.micronaut.http.HttpRequest;
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
 * the deliveries stream. Each is audited: a delivery with its view before and after, a subscription's retry with how
 * many it sent again.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RetryController {
    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final AuditTrail audit;

    RetryController(
            DeliveryRepository deliveries,
            SubscriptionRepository subscriptions,
            DeliveryQueue queue,
            Clock clock,
            AuditTrail audit) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.clock = clock;
        this.audit = audit;
    }

    @Post("/deliveries/{id}/retry")
    HttpResponse<DeliveryMessage> retry(long id, HttpRequest<?> request) {
        DeliveryMessage retried = audit.change(() -> {
            DeliveryMessage before = deliveries.find(id).orElseThrow(() -> DeliveryController.notFound(id));
            DeliveryMessage after = deliveries
                    .retry(id, clock.instant())
                    .orElseThrow(() -> new ProblemException(
                            HttpStatus.CONFLICT,
                            "Not failed",
                            "delivery " + id + " is " + before.status().wire()
                                    + "; only failed deliveries are retried"));
            audit.record(request, Action.RETRIED, Resource.DELIVERY, id, null, before, after);
            return after;
        });
        queue.enqueue(List.of(id));
        return HttpResponse.accepted().body(retried);
    }

    @Post("/subscriptions/{id}/retry-failed")
    HttpResponse<Map<String, Integer>> retryFailed(long id, HttpRequest<?> request) {
        List<Long> retried = audit.change(() -> {
            Subscription subscription = subscriptions.find(id).orElseThrow(() -> SubscriptionController.notFound(id));
            List<Long> ids = deliveries.retryFailed(id, clock.instant());
            if (!ids.isEmpty()) {
                audit.record(
                        request,
                        Action.RETRIED,
                        Resource.DELIVERY,
                        null,
                        "failed deliveries of " + subscription.name(),
                        Map.of("status", DeliveryStatus.FAILED, "subscriptionId", id),
                        Map.of("status", DeliveryStatus.PENDING, "subscriptionId", id, "count", ids.size()));
            }
            return ids;
        });
        queue.enqueue(retried);
        return HttpResponse.accepted().body(Map.of("retried", retried.size()));
    }
}
