package dev.opscenter.ingress.api;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

    /**
     * A query value as a filter takes it: null when absent or blank, else trimmed; longer than {@code max} characters is
     * recorded as invalid (a mistake, not a search) and null returned.
     */
    @Nullable
    public String text(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            add(field, "at most " + max + " characters");
            return null;
        }
        return trimmed;
    }

    /** A query value as an ISO-8601 instant: null when absent or blank; one that does not parse is recorded. */
    @Nullable
    public Instant instant(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            add(field, "an ISO-8601 instant such as 2026-01-31T09:00:00Z");
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
