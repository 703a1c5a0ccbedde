package dev.opscenter.common.testing;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CodeConfiguration is what Java sources say about configuration: the keys they read through {@code ${key}}
 * placeholders, and the defaults written into them ({@code ${key:default}}, {@code @Bindable(defaultValue = …)}).
 */
public final class CodeConfiguration {
    /** A default written into a source line; {@code key} and {@code value} are known for placeholders only. */
    public record InlineDefault(
            Path file,
            int line,
            String text,
            @Nullable String key,
            @Nullable String value) {

        /** Where it is and what to do about it. */
        public String fix() {
            String what = key == null
                    ? "delete it and give the record component's key its value in the service's application.yml"
                    : "write ${" + key + "} and give " + key + " its value in the service's application.yml";
            return file + ":" + line + ": " + text + " is a default in code; " + what;
        }
    }

    // a default may be concatenated: "${key:" + CONSTANT + "}", so it ends at a quote too
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)(:[^}\"]*)?}?");
    private static final Pattern ANNOTATION_DEFAULT =
            Pattern.compile("@(?:[\\w.]+\\.)?(?:Bindable|Property)\\s*\\([^)]*defaultValue\\s*=\\s*\"[^\"]*\"\\)?");

    private final Set<String> keys = new TreeSet<>();
    private final List<InlineDefault> inlineDefaults = new ArrayList<>();

    /** Scans the .java files under each directory, given relative to the repository root (and so reported). */
    public static CodeConfiguration scan(Path root, String... sourceDirs) {
        CodeConfiguration code = new CodeConfiguration();
        for (String dir : sourceDirs) {
            try (Stream<Path> files = Files.walk(root.resolve(dir))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        code.read(root.relativize(file), i + 1, lines.get(i));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return code;
    }

    /** Every key a {@code ${key}} placeholder names. */
    public Set<String> keys() {
        return keys;
    }

    /** Every default written into the sources, in file order. */
    public List<InlineDefault> inlineDefaults() {
        return inlineDefaults;
    }

    private void read(Path file, int line, String text) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            keys.add(placeholder.group(1));
            if (placeholder.group(2) != null) {
                inlineDefaults.add(new InlineDefault(
                        file,
                        line,
                        placeholder.group(),
                        placeholder.group(1),
                        placeholder.group(2).substring(1)));
            }
        }
        Matcher annotation = ANNOTATION_DEFAULT.matcher(text);
        while (annotation.find()) {
            inlineDefaults.add(new InlineDefault(file, line, annotation.group(), null, null));
        }
    }
}
