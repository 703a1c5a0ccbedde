package dev.opscenter.common.problem;

import io.micronaut.http.HttpStatus;
import java.util.List;

/** ProblemException ends a request with a problem response of the given status; it is an expected outcome, not a bug. */
public final class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(HttpStatus status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** 404 for a missing resource. */
    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not Found", what + " not found");
    }

    /** 422 naming one invalid field. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "Invalid request",
                field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
