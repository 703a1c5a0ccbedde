package dev.opscenter.ingress.notify.log;

import dev.opscenter.ingress.api.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Progress of group fan-outs under /api/notification-fanouts, newest first, by event and/or rule. */
@Controller("/api/notification-fanouts")
@ExecuteOn(TaskExecutors.BLOCKING)
final class FanoutController {
    private final LogRepository logs;

    FanoutController(LogRepository logs) {
        this.logs = logs;
    }

    @Get
    Page<Fanout> list(
            @Nullable @QueryValue Long eventId,
            @Nullable @QueryValue Long ruleId,
            @Nullable @QueryValue Long before,
            @Nullable @QueryValue Integer limit) {
        int size = Page.size(limit);
        return Page.of(logs.fanouts(eventId, ruleId, before, size), size, Fanout::id);
    }
}
