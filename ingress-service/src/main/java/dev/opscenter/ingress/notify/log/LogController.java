package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.vocabulary.NotificationStatus;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.api.Page;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin API over the notification log: list with filters, detail, retry of failed notifications (one or in bulk),
 * each retry audited (a bulk one as one record with its count).
 */
@Controller("/api/notification-logs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class LogController {
    private static final Logger LOG = LoggerFactory.getLogger(LogController.class);
    /** Most notifications one bulk retry re-queues; call again for more. */
    private static final int MAX_BULK = 1_000;

    private final LogRepository logs;
    private final NotificationQueue queue;
    private final AuditTrail audit;

    LogController(LogRepository logs, NotificationQueue queue, AuditTrail audit) {
        this.logs = logs;
        this.queue = queue;
        this.audit = audit;
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
    HttpResponse<Map<String, Object>> retry(long id, HttpRequest<?> request) {
        audit.change(() -> {
            if (!logs.retry(id)) {
                NotificationMessage log = get(id);
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Not failed",
                        "notification " + id + " is " + log.status().wire()
                                + "; only failed notifications are retried");
            }
            audit.record(
                    request,
                    Action.RETRIED,
                    Resource.NOTIFICATION,
                    id,
                    null,
                    Map.of("status", NotificationStatus.FAILED),
                    Map.of("status", NotificationStatus.PENDING));
            return id;
        });
        enqueue(List.of(id));
        return HttpResponse.accepted().body(Map.<String, Object>of("id", id, "status", NotificationStatus.PENDING));
    }

    @Post("/retry")
    HttpResponse<Map<String, Integer>> retryMany(@Body BulkRetry body, HttpRequest<?> request) {
        if (body.ids() != null && (body.ids().isEmpty() || body.ids().size() > MAX_BULK)) {
            throw ProblemException.invalid("ids", "1 to " + MAX_BULK + " notification ids");
        }
        if (body.ids() == null && !NotificationStatus.FAILED.wire().equals(body.status())) {
            throw ProblemException.invalid(
                    body.status() == null ? "ids" : "status",
                    "give ids, or status \"failed\" (with an optional ruleId)");
        }
        List<Long> retried = audit.change(() -> {
            List<Long> ids = body.ids() != null ? logs.retry(body.ids()) : logs.retryFailed(body.ruleId(), MAX_BULK);
            if (!ids.isEmpty()) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("status", NotificationStatus.PENDING);
                after.put("count", ids.size());
                if (body.ids() == null) {
                    after.put("ruleId", body.ruleId());
                }
                audit.record(
                        request,
                        Action.RETRIED,
                        Resource.NOTIFICATION,
                        null,
                        ids.size() == 1 ? "1 failed notification" : ids.size() + " failed notifications",
                        Map.of("status", NotificationStatus.FAILED),
                        after);
            }
            return ids;
        });
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
