package dev.opscenter.common.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the framework's own errors (no route, body too large, unreadable JSON, constraint violations, bugs) into
 * problem bodies, so clients parse one error shape everywhere.
 */
@Singleton
@Primary
final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        HttpStatus status = response.getStatus();
        String detail;
        List<Problem.FieldError> errors = null;
        if (status.getCode() >= 500) {
            // never leak internals; the log has the cause
            detail = "The server could not complete the request; see its logs.";
        } else {
            detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
            List<Problem.FieldError> fields = context.getErrors().stream()
                    .filter(e -> e.getPath().isPresent())
                    .map(e -> new Problem.FieldError(e.getPath().get(), e.getMessage()))
                    .toList();
            errors = fields.isEmpty() ? null : fields;
        }
        Problem body = new Problem(
                "about:blank",
                status.getReason(),
                status.getCode(),
                detail.isBlank() ? null : detail,
                context.getRequest().getPath(),
                errors);
        return response.body(body).contentType(Problem.MEDIA_TYPE);
    }
}
