package dev.opscenter.ingress.relay;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.vocabulary.DeliveryStatus;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /api/subscriptions/{id}/test}: sends a signed test event through the relay itself — a test event and
 * its delivery committed, the delivery id put on the deliveries stream, the worker signing, guarding and logging it as
 * any other — and waits up to {@code opscenter.relay.test-wait} for the first attempt to answer with what the receiver
 * said. When none finishes in time the answer is 202; the delivery still completes and shows in the delivery log.
 * Each waiting request holds a blocking thread: at most {@code opscenter.relay.test-concurrency} wait at once per
 * replica, and one more is refused with 429 before anything is stored. A stored test delivery is audited on the
 * subscription, with the ids of the test event and its delivery.
 */
@Controller("/api/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TestController {
    /** How often the delivery row is read while waiting. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final TestDeliveries tests;
    private final SubscriptionRepository subscriptions;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Duration wait;
    private final Semaphore waiting;
    private final AuditTrail audit;

    TestController(
            TestDeliveries tests,
            SubscriptionRepository subscriptions,
            DeliveryQueue queue,
            Clock clock,
            @Value("${opscenter.relay.test-wait}") Duration wait,
            @Value("${opscenter.relay.test-concurrency}") int concurrency,
            AuditTrail audit) {
        this.tests = tests;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.clock = clock;
        this.wait = wait;
        this.waiting = new Semaphore(concurrency);
        this.audit = audit;
    }

    /** The answer when no attempt finished in time: the delivery is still pending. */
    @Serdeable
    record Pending(long deliveryId, long eventId, DeliveryStatus status) {}

    @Post("/{id}/test")
    HttpResponse<?> test(long id, HttpRequest<?> request) {
        if (!waiting.tryAcquire()) {
            return Problem.response(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many test deliveries",
                            "other test deliveries are waiting for their receivers' answers; nothing was sent, try again",
                            "/api/subscriptions/" + id + "/test")
                    .header(HttpHeaders.RETRY_AFTER, "1");
        }
        try {
            return sendAndWait(id, request);
        } finally {
            waiting.release();
        }
    }

    private HttpResponse<?> sendAndWait(long id, HttpRequest<?> request) {
        // from the request's start, so a slow commit or enqueue does not lengthen the wait
        Instant deadline = clock.instant().plus(wait);
        TestDeliveries.Stored stored = audit.change(() -> {
            TestDeliveries.Stored outcome = tests.store(id, clock.instant());
            if (outcome instanceof TestDeliveries.Stored.Queued q) {
                audit.record(
                        request,
                        Action.TESTED,
                        Resource.SUBSCRIPTION,
                        id,
                        subscriptions.find(id).map(Subscription::name).orElse(null),
                        null,
                        Map.of("deliveryId", q.deliveryId(), "eventId", q.eventId()));
            }
            return outcome;
        });
        TestDeliveries.Stored.Queued queued = switch (stored) {
            case TestDeliveries.Stored.Queued q -> q;
            case TestDeliveries.Stored.Missing missing -> throw SubscriptionController.notFound(id);
            case TestDeliveries.Stored.Inactive inactive ->
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Subscription inactive",
                        "subscription " + id + " is not active; activate it to send a test event");
        };
        queue.enqueue(List.of(queued.deliveryId()));
        while (true) {
            switch (tests.progress(queued.deliveryId())) {
                case TestDeliveries.Progress.Attempted attempted -> {
                    return HttpResponse.ok(attempted.attempt());
                }
                case TestDeliveries.Progress.Gone gone -> throw SubscriptionController.notFound(id);
                case TestDeliveries.Progress.Waiting waiting -> {
                    if (!clock.instant().isBefore(deadline) || !pause()) {
                        return HttpResponse.accepted()
                                .body(new Pending(queued.deliveryId(), queued.eventId(), DeliveryStatus.PENDING));
                    }
                }
            }
        }
    }

    /** Waits one poll interval; false when the request's thread is interrupted (the server is stopping). */
    private static boolean pause() {
        try {
            Thread.sleep(POLL);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
