package dev.opscenter.common.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ConfigurationMetadata is what the Micronaut compiler records of every {@code @ConfigurationProperties} component on
 * the classpath (META-INF/spring-configuration-metadata.json): its key, its class and its default.
 */
public final class ConfigurationMetadata {
    /** One component: {@code opscenter.redis.prefix} of {@code dev.opscenter.common.redis.RedisKeys}, default {@code opscenter:}. */
    public record Property(
            String name,
            @Nullable String sourceType,
            @Nullable String defaultValue) {}

    private static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

    private ConfigurationMetadata() {}

    /** The properties of every module and library on the test's classpath. */
    public static List<Property> onClasspath() {
        JsonFactory json = new JsonFactory();
        List<Property> properties = new ArrayList<>();
        try {
            for (URL file : Collections.list(
                    ConfigurationMetadata.class.getClassLoader().getResources(RESOURCE))) {
                try (JsonParser parser = json.createParser(file)) {
                    read(parser, properties);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void read(JsonParser parser, List<Property> into) throws IOException {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String section = parser.currentName();
            parser.nextToken();
            if (!section.equals("properties")) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> fields = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    fields.put(field, parser.currentToken().isScalarValue() ? parser.getValueAsString() : null);
                    parser.skipChildren();
                }
                into.add(new Property(fields.get("name"), fields.get("sourceType"), fields.get("defaultValue")));
            }
        }
    }
}
