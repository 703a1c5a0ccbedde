package dev.opscenter.ingress.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.opscenter.ingress.source.EventIdentity;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * JsonBody is what the ingress reads of a webhook's JSON body, in one streaming pass that also checks the body is
 * exactly one JSON value: the top-level strings that name an event ({@link EventIdentity}). The body itself is stored
 * as received and is the payload every reader takes (V24), so no tree of it is built here.
 */
final class JsonBody implements EventIdentity.Fields {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** The top-level fields {@link EventIdentity} may ask for. */
    private static final Set<String> NAMING = Set.of("type", "id", "event");

    private final Map<String, String> strings;

    private JsonBody(Map<String, String> strings) {
        this.strings = strings;
    }

    /** Reads the body; throws when it is not one JSON value (empty, malformed, or followed by more than whitespace). */
    static JsonBody read(byte[] raw) throws IOException {
        Map<String, String> strings = new HashMap<>(4);
        try (JsonParser p = FACTORY.createParser(raw)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonParseException(p, "no JSON value");
            }
            if (first == JsonToken.START_OBJECT) {
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.VALUE_STRING && NAMING.contains(name)) {
                        strings.put(name, p.getText()); // a repeated key: the last one, as PostgreSQL's jsonb keeps
                    } else {
                        strings.remove(name);
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "data after the JSON value");
            }
        }
        return new JsonBody(strings);
    }

    @Override
    public @Nullable String text(String field) {
        return strings.get(field);
    }
}
