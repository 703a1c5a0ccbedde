package dev.opscenter.ingress.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing the body of POST /api/events. */
class TriggerRequestTest {

    private static TriggerRequest parse(String body) {
        return TriggerRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEventIdAndPayload() {
        TriggerRequest r = parse("{\"event\":\"order.created\",\"event_id\":\"o-1\",\"payload\":{\"total\":10.50}}");
        assertEquals("order.created", r.event());
        assertEquals("o-1", r.eventId());
        assertEquals("{\"total\":10.50}", r.payload().toString(), "decimals keep every digit");
    }

    @Test
    void missingPayloadIsAnEmptyObject() {
        assertEquals(
                "{}", parse("{\"event\":\"e\",\"event_id\":\"1\"}").payload().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"event\": ", "{\"event\":\"e\",\"event_id\":\"1\"} trailing", "[1]", "\"text\""})
    void notAJsonObjectIs400(String body) {
        assertEquals(
                400,
                assertThrows(ProblemException.class, () -> parse(body)).status().getCode());
    }

    @Test
    void everyInvalidFieldIsListed() {
        ProblemException e = assertThrows(
                ProblemException.class,
                () -> parse("{\"event\":\"\",\"event_id\":\"" + "x".repeat(256) + "\",\"payload\":[1]}"));
        assertEquals(422, e.status().getCode());
        assertEquals(
                List.of("event", "event_id", "payload"),
                e.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void eventIdMustBeText() {
        ProblemException e = assertThrows(ProblemException.class, () -> parse("{\"event\":\"e\",\"event_id\":42}"));
        assertEquals("event_id", e.errors().get(0).field());
    }

    @Test
    void typeIsAnotherSpellingOfEvent() {
        TriggerRequest r = parse("{\"type\":\"order.created\",\"event_id\":\"o-1\",\"payload\":{}}");
        assertEquals("order.created", r.event());
    }

    @Test
    void typeAndEventNamingTheSameSourceAreAccepted() {
        assertEquals(
                "order.created",
                parse("{\"event\":\"order.created\",\"type\":\"order.created\",\"event_id\":\"o-1\"}")
                        .event());
    }

    @Test
    void typeDisagreeingWithEventIs422NamingType() {
        ProblemException e = assertThrows(
                ProblemException.class,
                () -> parse("{\"event\":\"order.created\",\"type\":\"order.paid\",\"event_id\":\"o-1\"}"));
        assertEquals(422, e.status().getCode());
        assertEquals(
                List.of("type"),
                e.errors().stream().map(Problem.FieldError::field).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "42", "{}"})
    void invalidTypeWithoutEventIs422NamingType(String type) {
        ProblemException e =
                assertThrows(ProblemException.class, () -> parse("{\"type\":" + type + ",\"event_id\":\"o-1\"}"));
        assertEquals(
                List.of("type"),
                e.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void neitherEventNorTypeIs422NamingEvent() {
        ProblemException e = assertThrows(ProblemException.class, () -> parse("{\"event_id\":\"o-1\"}"));
        assertEquals(
                List.of("event"),
                e.errors().stream().map(Problem.FieldError::field).toList());
    }
}
