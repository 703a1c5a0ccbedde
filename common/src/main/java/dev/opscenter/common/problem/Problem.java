package dev.opscenter.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /** One invalid field: where it is and what is wrong with it. */
    @Serdeable
    public record FieldError(String field, String message) {}
}
