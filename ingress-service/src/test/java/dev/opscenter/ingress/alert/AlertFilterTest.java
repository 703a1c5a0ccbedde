package dev.opscenter.ingress.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertFilterTest {
    private static AlertFilter text(String q) {
        return AlertFilter.parse(null, null, null, null, null, null, null, q);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "disk      | %disk%",
                "100%      | %100\\%%",
                "db_1      | %db\\_1%",
                "a\\b      | %a\\\\b%",
                "'  spaced ' | %spaced%",
            })
    void theTextSearchIsASubstringPatternWithItsWildcardsEscaped(String q, String pattern) {
        assertEquals(pattern, text(q).textPattern());
    }

    @Test
    void blankValuesFilterNothing() {
        AlertFilter filter = AlertFilter.parse(List.of(""), " ", "", "", null, "", " ", "  ");
        assertEquals(List.of(), filter.severities());
        assertNull(filter.source());
        assertNull(filter.state());
        assertNull(filter.from());
        assertNull(filter.textPattern());
    }

    @Test
    void severitiesRepeatOrAreCommaSeparatedAndAreKeptOnce() {
        AlertFilter filter =
                AlertFilter.parse(List.of("critical,ERROR", "critical"), null, null, null, null, null, null, null);
        assertEquals(List.of("critical", "error"), filter.severities());
    }

    @Test
    void timesAreInstantsWithOrWithoutAnOffset() {
        AlertFilter filter = AlertFilter.parse(
                null, null, null, null, null, "2026-01-01T10:00:00+02:00", "2026-01-01T09:00:00Z", null);
        assertEquals(Instant.parse("2026-01-01T08:00:00Z"), filter.from());
        assertEquals(Instant.parse("2026-01-01T09:00:00Z"), filter.to());
    }

    @Test
    void everyBadValueIsNamedInOneProblem() {
        ProblemException problem = assertThrows(
                ProblemException.class,
                () -> AlertFilter.parse(
                        List.of("urgent"), "s".repeat(201), null, "closed", null, "soon", null, "q".repeat(201)));
        assertEquals(422, problem.status().getCode());
        assertEquals(
                List.of("severity", "state", "from", "q", "source"),
                problem.errors().stream().map(Problem.FieldError::field).toList());
    }
}
