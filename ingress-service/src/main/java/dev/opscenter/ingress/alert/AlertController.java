package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.Page;
import io.micronaut.core.annotation.Nullable;
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

/** Admin API over alerts: list newest first with severity/read filters, detail, bulk mark-read. */
@Controller("/api/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AlertController {
    private static final int MAX_BULK = 1000;

    private final AlertRepository alerts;

    AlertController(AlertRepository alerts) {
        this.alerts = alerts;
    }

    /** Body of a mark-read request. */
    @Serdeable
    record ReadRequest(@Nullable List<Long> ids) {}

    @Get
    Page<AlertMessage> list(
            @Nullable @QueryValue String severity,
            @Nullable @QueryValue Boolean read,
            @Nullable @QueryValue Long before,
            @Nullable @QueryValue Integer limit) {
        String level = null;
        if (severity != null) {
            try {
                level = Severity.valueOf(severity.toUpperCase(java.util.Locale.ROOT))
                        .wire();
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("severity", "one of info, warning, error, critical");
            }
        }
        int size = Page.size(limit);
        return Page.of(alerts.list(level, read, before, size), size, AlertMessage::id);
    }

    @Get("/{id}")
    AlertMessage get(long id) {
        return alerts.find(id).orElseThrow(() -> ProblemException.notFound("alert " + id));
    }

    @Post("/read")
    Map<String, Integer> markRead(@Body ReadRequest request) {
        List<Long> ids = request.ids();
        if (ids == null || ids.isEmpty() || ids.size() > MAX_BULK) {
            throw ProblemException.invalid("ids", "1 to " + MAX_BULK + " alert ids");
        }
        return Map.of("updated", alerts.markRead(ids));
    }
}
