package dev.opscenter.ingress.guard;

import dev.opscenter.common.problem.Problem;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * IngestionGate admits webhooks and triggered events only while they can be stored promptly: 503 at once while the
 * database breaker is open, and 503 at once beyond a bound on requests in progress (running or waiting for a
 * thread), so an outage never builds a queue that is committed after its clients gave up.
 */
@ServerFilter({"/api/webhooks/**", "/api/events"})
final class IngestionGate {
    private static final String PERMIT = IngestionGate.class.getName() + ".permit";

    private final DatabaseBreaker breaker;
    private final Semaphore inProgress;

    IngestionGate(DatabaseBreaker breaker, @Value("${opscenter.webhooks.max-in-progress}") int maxInProgress) {
        this.breaker = breaker;
        this.inProgress = new Semaphore(maxInProgress);
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> admit(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null; // GET /api/events is the admin list
        }
        if (breaker.isOpen()) {
            return Unavailable.response(
                    request.getPath(), "the database is unreachable; nothing was stored, retry later");
        }
        if (!inProgress.tryAcquire()) {
            return Unavailable.response(
                    request.getPath(), "too many requests in progress; nothing was stored, retry later");
        }
        request.setAttribute(PERMIT, new AtomicBoolean(true));
        return null;
    }

    @ResponseFilter
    void release(HttpRequest<?> request) {
        request.getAttribute(PERMIT, AtomicBoolean.class)
                .filter(held -> held.getAndSet(false))
                .ifPresent(held -> inProgress.release());
    }

    /** Permits free now; all of them once nothing is in progress. */
    int available() {
        return inProgress.availablePermits();
    }
}
