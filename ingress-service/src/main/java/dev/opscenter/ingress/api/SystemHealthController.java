package dev.opscenter.ingress.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The platform's health as the dashboard shows it, judged by {@link HealthChecker}. */
@Controller("/api/system/health")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SystemHealthController {
    private final HealthChecker checker;

    SystemHealthController(HealthChecker checker) {
        this.checker = checker;
    }

    @Get
    HealthChecker.Health health() {
        return checker.check();
    }
}
