package dev.opscenter.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Problem is an RFC 9457 problem detail.
 *
 * @param errors field-level errors of a validation problem, absent otherwise
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The answer carrying a problem: the status, the problem media type and a body of this title and detail about the
     * request's path; callers add headers such as Retry-After or WWW-Authenticate.
     */
    public static MutableHttpResponse<Problem> response(HttpStatus status, String title, String detail, String path) {
        return HttpResponse.<Problem>status(status)
                .contentType(MEDIA_TYPE)
                .body(new Problem("about:blank", title, status.getCode(), detail, path, null));
    }

    /** One invalid field: where it is and what is wrong with it. */
    @Serdeable
    public record FieldError(String field, String message) {}
}
