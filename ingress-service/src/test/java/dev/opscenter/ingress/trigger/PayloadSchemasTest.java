package dev.opscenter.ingress.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.FieldErrors;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Schema checks and payload validation, without services. */
class PayloadSchemasTest {
    private static final String ORDER = """
            {"type": "object", "required": ["order", "total"],
             "properties": {
               "order": {"type": "object", "required": ["id"],
                         "properties": {"id": {"type": "string"}, "lines": {"type": "array", "items": {"type": "integer"}}}},
               "total": {"type": "number", "minimum": 0},
               "email": {"type": "string", "format": "email"}},
             "additionalProperties": false}""";

    /** As configured by default (opscenter.triggers.max-pattern-input in application.yml). */
    private final PayloadSchemas schemas = new PayloadSchemas(10_000);

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    private static EventSource source(long id, String schema, Instant updatedAt) {
        return new EventSource(id, "order.created", null, schema, true, false, null, updatedAt, updatedAt);
    }

    /** Checks a schema as the API does when it is saved: a 422 naming every problem, if there is any. */
    private void check(String schema) {
        FieldErrors errors = new FieldErrors();
        schemas.check(schema, errors);
        errors.throwIfAny();
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void validPayloadHasNoViolations() throws Exception {
        assertEquals(
                List.of(),
                schemas.violations(
                        source(1, ORDER, Instant.EPOCH), json("{\"order\":{\"id\":\"o-1\"},\"total\":3.5}")));
    }

    @Test
    void everyViolationIsListedByInstanceLocation() throws Exception {
        List<Problem.FieldError> errors = schemas.violations(
                source(1, ORDER, Instant.EPOCH),
                json("{\"order\":{\"id\":7,\"lines\":[1,\"two\"]},\"email\":\"nope\",\"extra\":true}"));
        assertEquals(List.of("/email", "/extra", "/order/id", "/order/lines/1", "/total"), fields(errors));
        assertTrue(errors.stream().allMatch(e -> !e.message().isBlank()));
    }

    @Test
    void missingNestedPropertyIsNamedByItsOwnLocation() throws Exception {
        assertEquals(
                List.of("/order/id"),
                fields(schemas.violations(source(1, ORDER, Instant.EPOCH), json("{\"order\":{},\"total\":1}"))));
    }

    @Test
    void noSchemaAcceptsAnyObject() throws Exception {
        assertEquals(List.of(), schemas.violations(source(1, null, Instant.EPOCH), json("{\"anything\":[1,2]}")));
    }

    @Test
    void draft07IsChosenBySchemaKeyword() throws Exception {
        // draft-07 array-form "items" is a tuple; draft 2020-12 would reject this array form at the meta-schema
        String tuple =
                "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"properties\":{\"p\":{\"items\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}}";
        check(tuple);
        assertEquals(
                List.of("/p/1"),
                fields(schemas.violations(source(2, tuple, Instant.EPOCH), json("{\"p\":[\"a\",\"b\"]}"))));
        assertThrows(
                ProblemException.class,
                () -> check(tuple.replace(
                        "http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft/2020-12/schema")));
    }

    @Test
    void draft2020IsTheDefault() throws Exception {
        String tuple = "{\"properties\":{\"p\":{\"prefixItems\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}}";
        check(tuple);
        assertEquals(
                List.of("/p/1"),
                fields(schemas.violations(source(3, tuple, Instant.EPOCH), json("{\"p\":[\"a\",\"b\"]}"))));
    }

    @Test
    void invalidSchemaIsRefusedWithEveryMetaSchemaError() {
        ProblemException e = assertThrows(
                ProblemException.class,
                () -> check("{\"type\":\"objekt\",\"properties\":{\"a\":{\"minLength\":-1,\"pattern\":\"[\"}}}"));
        assertEquals(422, e.status().getCode());
        assertTrue(e.errors().stream().allMatch(f -> f.field().equals("payloadSchema")));
        String messages = e.errors().toString();
        assertTrue(
                messages.contains("/type")
                        && messages.contains("/properties/a/minLength")
                        && messages.contains("/properties/a/pattern"),
                messages);
    }

    @Test
    void unsupportedDraftIsRefused() {
        ProblemException e = assertThrows(
                ProblemException.class, () -> check("{\"$schema\":\"http://json-schema.org/draft-04/schema#\"}"));
        assertEquals("payloadSchema", e.errors().get(0).field());
    }

    @Test
    void remoteReferencesAreNeverFetched() {
        // 127.0.0.1:9 (discard) would time out or refuse; the loader must refuse before any connection
        ProblemException e =
                assertThrows(ProblemException.class, () -> check("{\"$ref\":\"http://127.0.0.1:9/schema.json\"}"));
        assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
        assertThrows(ProblemException.class, () -> check("{\"$ref\":\"file:///etc/passwd\"}"));
    }

    @Test
    void danglingLocalReferenceIsRefused() {
        assertThrows(ProblemException.class, () -> check("{\"$ref\":\"#/$defs/missing\"}"));
    }

    @Test
    void changedSourceIsRecompiled() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        JsonNode payload = json("{\"n\":\"text\"}");
        assertEquals(
                1,
                schemas.violations(source(9, "{\"properties\":{\"n\":{\"type\":\"integer\"}}}", t0), payload)
                        .size());
        assertEquals(
                0,
                schemas.violations(
                                source(9, "{\"properties\":{\"n\":{\"type\":\"string\"}}}", t0.plusSeconds(1)), payload)
                        .size());
    }

    private static String stringPattern(String pattern) {
        return "{\"type\": \"object\", \"properties\": {\"s\": {\"type\": \"string\", \"pattern\": \"" + pattern
                + "\"}}}";
    }

    @Test
    @Timeout(30) // a hang guard only: java.util.regex took minutes here
    void backtrackingPatternOnAHundredCharactersIsMatchedInLinearTime() throws Exception {
        String schema = stringPattern("a*a*a*a*a*a*b");
        check(schema);
        List<Problem.FieldError> errors =
                schemas.violations(source(1, schema, Instant.EPOCH), json("{\"s\": \"" + "a".repeat(100) + "\"}"));
        assertEquals(List.of("/s"), fields(errors));
        assertEquals(
                List.of(),
                schemas.violations(source(1, schema, Instant.EPOCH), json("{\"s\": \"" + "a".repeat(100) + "b\"}")));
    }

    @Test
    void patternsRe2CannotRunAreRefusedWhenSaved() {
        // lookahead is fine for java.util.regex and Joni, impossible for RE2: proof that RE2/J runs the patterns
        ProblemException e = assertThrows(ProblemException.class, () -> check(stringPattern("^(?=a)a")));
        assertEquals(422, e.status().getCode());
        assertEquals(
                List.of("payloadSchema"),
                e.errors().stream().map(Problem.FieldError::field).toList());
        assertTrue(
                e.errors().get(0).message().startsWith("/properties/s/pattern: "),
                e.errors().get(0).message());
    }

    @Test
    void nestedQuantifiersAreRefusedWhenSaved() {
        ProblemException e = assertThrows(ProblemException.class, () -> check(stringPattern("^(a+)+$")));
        assertEquals(422, e.status().getCode());
        assertTrue(
                e.errors().get(0).message().startsWith("/properties/s/pattern: repeats a group that itself repeats"),
                e.errors().get(0).message());
    }

    @Test
    void patternPropertyNamesAreCheckedToo() {
        ProblemException e = assertThrows(
                ProblemException.class, () -> check("{\"type\": \"object\", \"patternProperties\": {\"(x*)*\": {}}}"));
        assertTrue(
                e.errors().get(0).message().startsWith("/patternProperties/(x*)*: repeats a group"),
                e.errors().get(0).message());
    }

    @Test
    void stringsPastTheLengthCapFailThePatternUnread() throws Exception {
        PayloadSchemas capped = new PayloadSchemas(50);
        String schema = stringPattern("^a+$");
        assertEquals(
                List.of(),
                capped.violations(source(1, schema, Instant.EPOCH), json("{\"s\": \"" + "a".repeat(50) + "\"}")));
        assertEquals(
                List.of("/s"),
                fields(capped.violations(
                        source(1, schema, Instant.EPOCH), json("{\"s\": \"" + "a".repeat(51) + "\"}"))));
    }
}
