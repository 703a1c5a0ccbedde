package dev.opscenter.ingress.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The dashboard's headline numbers, as {@link StatsRepository} counts them. */
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatsController {
    private final StatsRepository stats;

    StatsController(StatsRepository stats) {
        this.stats = stats;
    }

    @Get
    StatsRepository.Stats stats() {
        return stats.read();
    }
}
