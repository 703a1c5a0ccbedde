package dev.opscenter.common.sql;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Small JSON conversions for jsonb columns: text in, maps out. */
public final class Json {
    private Json() {}

    /** Serializes a value to JSON text. */
    public static String write(JsonMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("value is not serializable to JSON", e);
        }
    }

    /** Reads a JSON object into a map; null stays null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMap(JsonMapper mapper, String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is unreadable", e);
        }
    }

    /** Reads any JSON value (object, array, scalar); null stays null. */
    public static Object read(JsonMapper mapper, String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is unreadable", e);
        }
    }
}
