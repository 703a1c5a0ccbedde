package dev.opscenter.ingress.event;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.vocabulary.EventStatus;
import dev.opscenter.ingress.api.Page;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin API over stored events: list with filters, detail with payload and headers, replay, bulk replay of failed.
 * Replays are audited with the events' status, never their payload or headers.
 */
@Controller("/api/events")
@ExecuteOn(TaskExecutors.BLOCKING)
final class EventController {
    private final EventRepository events;
    private final EventQueue queue;
    private final Duration sweepAge;
    private final AuditTrail audit;

    EventController(
            EventRepository events,
            EventQueue queue,
            @Value("${opscenter.sweeper.pending-age}") Duration sweepAge,
            AuditTrail audit) {
        this.events = events;
        this.queue = queue;
        this.sweepAge = sweepAge;
        this.audit = audit;
    }

    /** Newest first, narrowed by every filter given (see {@link EventFilter}); {@code before} pages back. */
    @Get
    Page<EventSummary> list(
            @Nullable @QueryValue String source,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String type,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue Long before,
            @Nullable @QueryValue Integer limit) {
        EventFilter filter = EventFilter.parse(source, status, type, from, to);
        int size = Page.size(limit);
        List<EventSummary> items = events.list(filter, before, size);
        return Page.of(items, size, EventSummary::id);
    }

    @Get("/{id}")
    EventDetail get(long id) {
        return events.find(id).orElseThrow(() -> ProblemException.notFound("event " + id));
    }

    /**
     * Sends a failed (or stuck) event through the worker again. A processed event already has its alert, so replaying
     * it would change nothing: 409.
     */
    @Post("/{id}/replay")
    HttpResponse<Map<String, Object>> replay(long id, HttpRequest<?> request) {
        EventStatus before = audit.change(() -> {
            EventStatus was = requeue(id);
            audit.record(
                    request,
                    Action.REPLAYED,
                    Resource.EVENT,
                    id,
                    null,
                    Map.of("status", was),
                    Map.of("status", EventStatus.PENDING));
            return was;
        });
        queue.offer(id);
        return HttpResponse.accepted()
                .body(Map.<String, Object>of("id", id, "status", EventStatus.PENDING, "previousStatus", before));
    }

    /** The most failed events one bulk replay puts back; call again for the rest. */
    static final int MAX_BULK_REPLAY = 1000;

    /**
     * Sends every failed event (of one source, by slug or event source name, or of all) through the worker again, up to
     * {@value #MAX_BULK_REPLAY} oldest first; {@code remaining} says whether more are left for another call.
     */
    @Post("/replay-failed")
    HttpResponse<Map<String, Object>> replayFailed(@Nullable @QueryValue String source, HttpRequest<?> request) {
        List<Long> ids = audit.change(() -> {
            List<Long> requeued = events.requeueFailed(source, MAX_BULK_REPLAY, sweepAge);
            if (!requeued.isEmpty()) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("status", EventStatus.PENDING);
                after.put("count", requeued.size());
                after.put("source", source);
                audit.record(
                        request,
                        Action.REPLAYED,
                        Resource.EVENT,
                        null,
                        source == null ? "all failed events" : "failed events of " + source,
                        Map.of("status", EventStatus.FAILED),
                        after);
            }
            return requeued;
        });
        ids.forEach(queue::offer);
        return HttpResponse.accepted().body(Map.of("replayed", ids.size(), "remaining", ids.size() == MAX_BULK_REPLAY));
    }

    private EventStatus requeue(long id) {
        EventStatus before = events.requeue(id, sweepAge).orElseThrow(() -> ProblemException.notFound("event " + id));
        if (before == EventStatus.PROCESSED) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "Already processed",
                    "event " + id + " was processed and has its alert; only failed or unfinished events are replayed");
        }
        return before;
    }
}
