package dev.opscenter.ingress.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Collecting every invalid field of a request, from constraint annotations and from code, into one 422. */
class FieldErrorsTest {
    private final Validator validator = Validator.getInstance();

    @Introspected
    record Input(
            @Nullable @NotBlank(message = "required") String name,

            @Nullable @Size(max = 3, message = "at most 3 characters")
            String code,

            @Nullable @Max(value = 10, message = "at most 10")
            Integer count) {}

    @Test
    void nothingInvalidAnswersNothing() {
        FieldErrors errors = new FieldErrors();
        errors.check(validator, new Input("n", "abc", 10));

        assertTrue(errors.isEmpty());
        assertDoesNotThrow(errors::throwIfAny);
    }

    @Test
    void everyBrokenConstraintAndRuleIsNamedInTheOrderFound() {
        FieldErrors errors = new FieldErrors();
        errors.add("kind", "one of a, b");
        errors.check(validator, new Input(" ", "abcd", 11));
        errors.add("secret", "required");

        ProblemException e = assertThrows(ProblemException.class, errors::throwIfAny);

        assertEquals(422, e.status().getCode());
        assertEquals(
                List.of(
                        new Problem.FieldError("kind", "one of a, b"),
                        new Problem.FieldError("name", "required"),
                        new Problem.FieldError("code", "at most 3 characters"),
                        new Problem.FieldError("count", "at most 10"),
                        new Problem.FieldError("secret", "required")),
                e.errors());
        assertEquals(
                "kind: one of a, b; name: required; code: at most 3 characters; count: at most 10; secret: required",
                e.getMessage());
    }

    @Test
    void oneInvalidFieldReadsAsItAlwaysDid() {
        FieldErrors errors = new FieldErrors();
        errors.add("name", "required");
        errors.add("name", "required");

        ProblemException e = assertThrows(ProblemException.class, errors::throwIfAny);

        assertEquals(ProblemException.invalid("name", "required").getMessage(), e.getMessage());
        assertEquals(
                List.of(new Problem.FieldError("name", "required")), e.errors(), "the same error twice is named once");
    }

    @Test
    void aFieldCountsAsInvalidWhenAnyOfItsPartsIs() {
        FieldErrors errors = new FieldErrors();
        errors.add("recipients[2]", "non-blank text");
        errors.add("config.url", "an http or https URL");

        assertTrue(errors.has("recipients"));
        assertTrue(errors.has("config"));
        assertTrue(errors.has("config.url"));
        assertFalse(errors.has("config.u"));
        assertFalse(errors.has("secret"));
    }
}
