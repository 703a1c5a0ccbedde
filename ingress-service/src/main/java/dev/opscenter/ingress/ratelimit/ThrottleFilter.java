package dev.opscenter.ingress.ratelimit;

import dev.opscenter.common.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;

/** Answers 429 to a client that failed authentication too often, first of all filters: it costs no lookup. */
@ServerFilter("/api/**")
final class ThrottleFilter implements Ordered {
    private final AuthFailures failures;

    ThrottleFilter(AuthFailures failures) {
        this.failures = failures;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> refuseThrottled(HttpRequest<?> request) {
        return failures.retryAfter(request)
                .map(wait -> throttled(request, wait))
                .orElse(null);
    }

    private static HttpResponse<Problem> throttled(HttpRequest<?> request, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return Problem.response(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "Too many failed authentications",
                        "this client failed authentication too often; retry after " + seconds + " s",
                        request.getPath())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
}
