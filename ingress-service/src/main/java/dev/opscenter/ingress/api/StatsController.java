package dev.opscenter.ingress.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;

/** The dashboard's headline numbers ({@link StatsRepository}) and the overview charts' series. */
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatsController {
    private final StatsRepository stats;
    private final SeriesRepository series;
    private final Clock clock;

    StatsController(StatsRepository stats, SeriesRepository series, Clock clock) {
        this.stats = stats;
        this.series = series;
        this.clock = clock;
    }

    @Get
    StatsRepository.Stats stats() {
        return stats.read();
    }

    /** The overview charts: events per minute by source and alerts per hour by severity, last 24 h. */
    @Get("/series")
    SeriesRepository.Overview series() {
        return series.read(clock.instant());
    }
}
