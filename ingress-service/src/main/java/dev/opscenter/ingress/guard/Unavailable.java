package dev.opscenter.ingress.guard;

import dev.opscenter.common.problem.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;

/** Unavailable is the one 503 answer: a problem with Retry-After, so providers retry later; nothing was stored. */
public final class Unavailable {
    /** Seconds a client is asked to wait before retrying. */
    static final String RETRY_AFTER_SECONDS = "10";

    private Unavailable() {}

    /** 503 with Retry-After and a problem body saying why. */
    public static HttpResponse<Problem> response(String path, String detail) {
        return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", detail, path)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
