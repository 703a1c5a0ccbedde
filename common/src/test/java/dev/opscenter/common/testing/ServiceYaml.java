package dev.opscenter.common.testing;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/** ServiceYaml is a service's application.yml as flat keys ({@code a.b.c}) and the variables its values name. */
public final class ServiceYaml {
    /** A value {@code ${VARIABLE:default}} of a key; {@code defaultValue} is null for {@code ${VARIABLE}}. */
    public record Placeholder(
            String key, String variable, @Nullable String defaultValue) {}

    // a default holding a colon is quoted in backticks: ${DATABASE_URL:`jdbc:postgresql://…`}
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::(`[^`]*`|[^}]*))?}");

    private final Map<String, String> values = new LinkedHashMap<>();

    private ServiceYaml(Map<?, ?> tree) {
        flatten("", tree);
    }

    /** Reads a module's src/main/resources/application.yml. */
    public static ServiceYaml of(Path module) {
        try (Reader reader = Files.newBufferedReader(module.resolve("src/main/resources/application.yml"))) {
            return new ServiceYaml(new Yaml().load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key with its value as written. */
    public Map<String, String> values() {
        return values;
    }

    /** Every {@code ${VARIABLE…}} in the values, in file order. */
    public List<Placeholder> placeholders() {
        return values.entrySet().stream()
                .flatMap(e -> PLACEHOLDER
                        .matcher(e.getValue())
                        .results()
                        .map(m -> new Placeholder(e.getKey(), m.group(1), unquoted(m.group(2)))))
                .toList();
    }

    /** The value a key has while no variable is set: as written, or its placeholder's default; empty if it has none. */
    public Optional<String> defaultOf(String key) {
        String value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        Matcher placeholder = PLACEHOLDER.matcher(value);
        return placeholder.matches() ? Optional.ofNullable(unquoted(placeholder.group(2))) : Optional.of(value);
    }

    private void flatten(String prefix, Map<?, ?> tree) {
        tree.forEach((name, value) -> {
            String key = prefix + name;
            if (value instanceof Map<?, ?> map) {
                flatten(key + ".", map);
            } else if (value instanceof List<?> list) {
                values.put(key, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else {
                values.put(key, String.valueOf(value));
            }
        });
    }

    private static @Nullable String unquoted(@Nullable String defaultValue) {
        return defaultValue != null && defaultValue.startsWith("`")
                ? defaultValue.substring(1, defaultValue.length() - 1)
                : defaultValue;
    }
}
