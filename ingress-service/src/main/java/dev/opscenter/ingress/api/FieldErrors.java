package dev.opscenter.ingress.api;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * FieldErrors gathers every invalid field of one request before it is answered, so that one 422 names them all in
 * {@code errors[]}: the constraints an input record declares (Bean Validation, {@link #check}) and the rules the
 * code checks ({@link #add}). A check that builds on a field already found invalid is skipped ({@link #has}).
 */
public final class FieldErrors {
    private final Set<Problem.FieldError> errors = new LinkedHashSet<>();

    /** Records that the field is invalid; the same message twice for one field is recorded once. */
    public void add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    /**
     * Records every constraint the input record breaks, component by component in declaration order, each named by
     * its component.
     */
    public void check(Validator validator, Record input) {
        for (RecordComponent component : input.getClass().getRecordComponents()) {
            validator.validateProperty(input, component.getName()).stream()
                    .map(violation -> violation.getMessage())
                    .sorted() // a component's violations come as a set: keep the answer stable
                    .forEach(message -> add(component.getName(), message));
        }
    }

    /**
     * What a strict parser makes of the field's value; a value it refuses is recorded with the parser's reason, and
     * null returned.
     */
    public <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    /** Whether the field, or a part of it ({@code field.key}, {@code field[i]}), is already known to be invalid. */
    public boolean has(String field) {
        return errors.stream()
                .map(Problem.FieldError::field)
                .anyMatch(f -> f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "["));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Ends the request with a 422 naming every invalid field, in the order they were found; returns when there is none. */
    public void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        List<Problem.FieldError> all = new ArrayList<>(errors);
        String detail = all.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request", detail, all);
    }
}
