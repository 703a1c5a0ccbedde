package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.vocabulary.NotificationStatus;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.api.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Admin API over the notification log: list with filters, detail, retry of failed notifications (one or in bulk). */
@Controller("/api/notification-logs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class LogController {
    private static final Logger LOG = LoggerFactory.getLogger(LogController.class);
    /** Most notifications one bulk retry re-queues; call again for more. */
    private static final int MAX_BULK = 1_000;

    private final LogRepository logs;
    private final NotificationQueue queue;

    LogController(LogRepository logs, NotificationQueue queue) {
        this.logs = logs;
        this.queue = queue;
    }

    /** Body of a bulk retry: either explicit ids, or every failed notification (of one rule, if given). */
    @Serdeable
    record BulkRetry(
            @Nullable List<Long> ids,
            @Nullable String status,
            @Nullable Long ruleId) {}

    @Get
    Page<NotificationMessage> list(
            @Nullable @QueryValue String status,
            @Nullable @QueryValue Long channel,
            @Nullable @QueryValue Long rule,
            @Nullable @QueryValue Long before,
            @Nullable @QueryValue Integer limit) {
        FieldErrors errors = new FieldErrors();
        NotificationStatus wanted = status == null ? null : errors.parse("status", status, NotificationStatus::parse);
        errors.throwIfAny();
        int size = Page.size(limit);
        return Page.of(logs.list(wanted, channel, rule, before, size), size, NotificationMessage::id);
    }

    @Get("/{id}")
    NotificationMessage get(long id) {
        return logs.find(id).orElseThrow(() -> ProblemException.notFound("notification " + id));
    }

    /** Sends a failed notification again: back to pending with attempts from zero, then onto the stream. */
    @Post("/{id}/retry")
    HttpResponse<Map<String, Object>> retry(long id) {
        if (!logs.retry(id)) {
            NotificationMessage log = get(id);
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "Not failed",
                    "notification " + id + " is " + log.status().wire() + "; only failed notifications are retried");
        }
        enqueue(List.of(id));
        return HttpResponse.accepted().body(Map.<String, Object>of("id", id, "status", NotificationStatus.PENDING));
    }

    @Post("/retry")
    HttpResponse<Map<String, Integer>> retryMany(@Body BulkRetry request) {
        List<Long> retried;
        if (request.ids() != null) {
            if (request.ids().isEmpty() || request.ids().size() > MAX_BULK) {
                throw ProblemException.invalid("ids", "1 to " + MAX_BULK + " notification ids");
            }
            retried = logs.retry(request.ids());
        } else if (NotificationStatus.FAILED.wire().equals(request.status())) {
            retried = logs.retryFailed(request.ruleId(), MAX_BULK);
        } else {
            throw ProblemException.invalid(
                    request.status() == null ? "ids" : "status",
                    "give ids, or status \"failed\" (with an optional ruleId)");
        }
        enqueue(retried);
        return HttpResponse.accepted().body(Map.of("retried", retried.size()));
    }

    private void enqueue(List<Long> ids) {
        try {
            queue.enqueue(ids);
        } catch (RuntimeException e) {
            // committed as pending and due: the worker picks them up when it next looks for due notifications
            LOG.warn("{} notification(s) set to pending but not put on the stream ({})", ids.size(), e.toString());
        }
    }
}
