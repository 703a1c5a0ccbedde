package dev.opscenter.common.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders a {@link ProblemException} as its problem body. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
        Problem body = new Problem(
                "about:blank", e.title(), e.status().getCode(), e.getMessage(), request.getPath(), e.errors());
        return HttpResponse.<Problem>status(e.status())
                .contentType(Problem.MEDIA_TYPE)
                .body(body);
    }
}
