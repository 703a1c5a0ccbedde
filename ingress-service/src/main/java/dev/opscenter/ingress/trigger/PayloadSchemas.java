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
import dev.opscenter.ingress.api.FieldErrors;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private static final Set<String> PROPERTY_ERRORS =
            Set.of("required", "additionalProperties", "unevaluatedProperties");

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<VersionFlag, JsonSchema> metaSchemas;
    private final Map<Long, Compiled> compiled = new ConcurrentHashMap<>();

    private record Compiled(Instant updatedAt, JsonSchema schema) {}

    PayloadSchemas(@Value("${opscenter.triggers.max-pattern-input}") int maxPatternInput) {
        factory = JsonSchemaFactory.getInstance(
                VersionFlag.V202012,
                builder -> builder.metaSchema(JsonMetaSchema.getV7())
                        // a $ref must never make the server fetch a URL or read a file: only the bundled meta-schemas
                        // load
                        .schemaLoaders(loaders -> loaders.add(
                                new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:draft")))));
        config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .regularExpressionFactory(new Re2jRegularExpressions(maxPatternInput))
                .build();
        metaSchemas = Map.of(
                VersionFlag.V202012, factory.getSchema(SchemaLocation.of(SchemaId.V202012), config),
                VersionFlag.V7, factory.getSchema(SchemaLocation.of(SchemaId.V7), config));
    }

    /** Checks that the text is a JSON Schema this service can apply; every problem is an error on {@code payloadSchema}. */
    void check(String schemaJson, FieldErrors errors) {
        JsonNode schema = read(schemaJson);
        if (!schema.isObject()) {
            errors.add("payloadSchema", "a JSON Schema object");
            return;
        }
        VersionFlag draft = draft(schema);
        if (draft == null) {
            errors.add(
                    "payloadSchema",
                    "$schema must be draft 2020-12 (" + SchemaId.V202012 + ") or draft-07 (" + SchemaId.V7
                            + "); absent means 2020-12");
            return;
        }
        // each stage lists all it finds; a later stage would only say again what an earlier one found
        List<Problem.FieldError> invalid = fieldErrors(metaSchemas.get(draft).validate(schema));
        invalid.forEach(
                e -> errors.add("payloadSchema", e.field().isEmpty() ? e.message() : e.field() + ": " + e.message()));
        if (!invalid.isEmpty()) {
            return;
        }
        List<SchemaPatterns.Problem> patterns = SchemaPatterns.problems(schema);
        patterns.forEach(p -> errors.add("payloadSchema", p.at() + ": " + p.message()));
        if (!patterns.isEmpty()) {
            return;
        }
        try {
            compile(schema, draft);
        } catch (JsonSchemaException e) {
            // passes the meta-schema but cannot be applied, e.g. a $ref to nothing or to another document
            errors.add("payloadSchema", e.getMessage());
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
        Compiled current = compiled.compute(
                source.id(),
                (id, cached) -> cached != null && cached.updatedAt().equals(source.updatedAt())
                        ? cached
                        : new Compiled(source.updatedAt(), compile(read(source.payloadSchema()))));
        return fieldErrors(current.schema().validate(payload));
    }

    /** Drops the compiled schema of a changed or deleted source (other replicas notice by updated_at). */
    void forget(long eventSourceId) {
        compiled.remove(eventSourceId);
    }

    /** Compiles a stored schema, which was checked when it was saved. */
    private JsonSchema compile(JsonNode schema) {
        return compile(schema, Objects.requireNonNull(draft(schema), "a stored schema names a supported draft"));
    }

    private JsonSchema compile(JsonNode schema, VersionFlag draft) {
        // the factory knows each draft by its canonical id; spelling variants (https, no '#') mean the same draft
        ObjectNode canonical = ((ObjectNode) schema).deepCopy();
        canonical.put("$schema", draft.getId());
        JsonSchema result = factory.getSchema(canonical, config);
        result.initializeValidators(); // resolves every $ref now, so a broken one fails here and not per request
        return result;
    }

    /** The draft the schema declares; null for one this service does not apply. */
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
        return null;
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
