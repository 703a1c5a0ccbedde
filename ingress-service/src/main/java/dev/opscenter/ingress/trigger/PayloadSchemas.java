package dev.opscenter.ingress.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PayloadSchemas checks event-source schemas against their draft's meta-schema and validates triggered payloads
 * against them. The draft is 2020-12 unless {@code $schema} names draft-07. {@code format} is asserted in both drafts
 * (schema authors who write {@code "format": "email"} expect it checked). Compiled schemas are kept per event source
 * and recompiled when its {@code updated_at} changes. Regular expressions run on RE2/J ({@link Re2jRegularExpressions}):
 * linear time, strings past a length cap fail unread, and a schema with a pattern RE2 cannot compile or with nested
 * quantifiers is refused when saved ({@link SchemaPatterns}).
 */
@Singleton
final class PayloadSchemas {
    /** Where a field error's instance location is a parent object, these errors name the property instead. */
    private static final Set<String> PROPERTY_ERRORS = Set.of("required", "additionalProperties", "unevaluatedProperties");

    /** Longest string a schema pattern is tried on; longer ones fail the pattern. */
    static final int DEFAULT_MAX_PATTERN_INPUT = 10_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<VersionFlag, JsonSchema> metaSchemas;
    private final Map<Long, Compiled> compiled = new ConcurrentHashMap<>();

    private record Compiled(Instant updatedAt, JsonSchema schema) {
    }

    /** The defaults, for tests. */
    PayloadSchemas() {
        this(DEFAULT_MAX_PATTERN_INPUT);
    }

    @Inject
    PayloadSchemas(@Value("${opscenter.triggers.max-pattern-input:" + DEFAULT_MAX_PATTERN_INPUT + "}") int maxPatternInput) {
        factory = JsonSchemaFactory.getInstance(VersionFlag.V202012, builder -> builder
                .metaSchema(JsonMetaSchema.getV7())
                // a $ref must never make the server fetch a URL or read a file: only the bundled meta-schemas load
                .schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:draft")))));
        config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).formatAssertionsEnabled(true)
                .regularExpressionFactory(new Re2jRegularExpressions(maxPatternInput)).build();
        metaSchemas = Map.of(
                VersionFlag.V202012, factory.getSchema(SchemaLocation.of(SchemaId.V202012), config),
                VersionFlag.V7, factory.getSchema(SchemaLocation.of(SchemaId.V7), config));
    }

    /** Checks that the text is a JSON Schema this service can apply; otherwise 422 listing every problem. */
    void check(String schemaJson) {
        JsonNode schema = read(schemaJson);
        if (!schema.isObject()) {
            throw ProblemException.invalid("payloadSchema", "a JSON Schema object");
        }
        VersionFlag draft = draft(schema);
        List<Problem.FieldError> errors = fieldErrors(metaSchemas.get(draft).validate(schema)).stream()
                .map(e -> new Problem.FieldError("payloadSchema", e.field().isEmpty() ? e.message() : e.field() + ": " + e.message()))
                .toList();
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request",
                    "payloadSchema is not a valid JSON Schema (" + draftName(draft) + ")", errors);
        }
        List<Problem.FieldError> patterns = SchemaPatterns.problems(schema).stream()
                .map(p -> new Problem.FieldError("payloadSchema", p.at() + ": " + p.message()))
                .toList();
        if (!patterns.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request",
                    "payloadSchema has regular expressions this service does not run", patterns);
        }
        try {
            compile(schema, draft);
        } catch (JsonSchemaException e) {
            // passes the meta-schema but cannot be applied, e.g. a $ref to nothing or to another document
            throw ProblemException.invalid("payloadSchema", e.getMessage());
        }
    }

    /**
     * Every way the payload fails the event source's schema, by instance location (JSON Pointer into the payload);
     * empty when it passes or the source has no schema.
     */
    List<Problem.FieldError> violations(EventSource source, JsonNode payload) {
        if (source.payloadSchema() == null) {
            return List.of();
        }
        Compiled current = compiled.compute(source.id(), (id, cached) -> cached != null && cached.updatedAt().equals(source.updatedAt())
                ? cached
                : new Compiled(source.updatedAt(), compile(read(source.payloadSchema()))));
        return fieldErrors(current.schema().validate(payload));
    }

    /** Drops the compiled schema of a changed or deleted source (other replicas notice by updated_at). */
    void forget(long eventSourceId) {
        compiled.remove(eventSourceId);
    }

    private JsonSchema compile(JsonNode schema) {
        return compile(schema, draft(schema));
    }

    private JsonSchema compile(JsonNode schema, VersionFlag draft) {
        // the factory knows each draft by its canonical id; spelling variants (https, no '#') mean the same draft
        ObjectNode canonical = ((ObjectNode) schema).deepCopy();
        canonical.put("$schema", draft.getId());
        JsonSchema result = factory.getSchema(canonical, config);
        result.initializeValidators(); // resolves every $ref now, so a broken one fails here and not per request
        return result;
    }

    private static VersionFlag draft(JsonNode schema) {
        JsonNode declared = schema.get("$schema");
        if (declared == null) {
            return VersionFlag.V202012;
        }
        String id = declared.asText("").replaceFirst("^https?://", "").replaceFirst("#$", "");
        if (id.equals("json-schema.org/draft/2020-12/schema")) {
            return VersionFlag.V202012;
        }
        if (id.equals("json-schema.org/draft-07/schema")) {
            return VersionFlag.V7;
        }
        throw ProblemException.invalid("payloadSchema", "$schema must be draft 2020-12 (" + SchemaId.V202012 + ") or draft-07 ("
                + SchemaId.V7 + "); absent means 2020-12");
    }

    private static String draftName(VersionFlag draft) {
        return draft == VersionFlag.V7 ? "draft-07" : "draft 2020-12";
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schema text is not JSON", e);
        }
    }

    private static List<Problem.FieldError> fieldErrors(Set<ValidationMessage> messages) {
        return messages.stream()
                .map(m -> new Problem.FieldError(location(m), m.getError()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    private static String location(ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        if (PROPERTY_ERRORS.contains(m.getType()) && m.getProperty() != null) {
            // JSON Pointer escaping (RFC 6901): '~' then '/'
            return at + "/" + m.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return at;
    }
}
