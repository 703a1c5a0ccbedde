package dev.opscenter.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.CodeConfiguration.InlineDefault;
import dev.opscenter.common.testing.ConfigurationDoc.Entry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ConfigurationContract is what every service's configuration must hold: a default is written once, in the service's
 * application.yml (for the keys all services share: in common's code), and docs/configuration.md documents every
 * variable the service reads, with its real default, and no variable it does not read. A service's test extends it
 * naming its module.
 */
public abstract class ConfigurationContract {
    /** OpsCenter's own variables; MICRONAUT_*, JAVA_* and the like belong to the frameworks. */
    private static final List<String> OWN_PREFIXES = List.of("OPSCENTER_", "DATABASE_", "REDIS_");

    private static final String COMMON_SOURCES = "common/src/main/java";
    private static final String COMMON_PACKAGE = "dev.opscenter.common.";

    /** A default that common's code gives a key every service reads, and where. */
    private record SharedDefault(String key, String value, String source) {}

    private final String service;
    private final String yamlPath;
    private final ConfigurationDoc doc = ConfigurationDoc.read();
    private final ServiceYaml yaml;
    private final List<SharedDefault> sharedDefaults;

    protected ConfigurationContract(String service) {
        this.service = service;
        this.yamlPath = service + "/src/main/resources/application.yml";
        this.yaml = ServiceYaml.of(doc.root().resolve(service));
        this.sharedDefaults = sharedDefaults(doc.root());
    }

    @Test
    void codeCarriesNoDefaults() {
        assertNone(CodeConfiguration.scan(doc.root(), service + "/src/main/java").inlineDefaults().stream()
                .map(InlineDefault::fix));
    }

    @Test
    void everyVariableInApplicationYmlIsDocumented() {
        List<Entry> documented = doc.documentedFor(service);
        assertNone(yaml.placeholders().stream()
                .filter(p -> documented.stream().noneMatch(e -> e.covers(p.variable())))
                .map(p -> ("%s: %s reads %s, which %s does not document for %s; add a row for it to the '## %s' table,"
                                + " or to the Shared table with the service's column ticked")
                        .formatted(yamlPath, p.key(), p.variable(), ConfigurationDoc.PATH, service, service)));
    }

    @Test
    void documentedDefaultsAreTheRealOnes() {
        assertNone(doc.documentedFor(service).stream()
                .filter(e -> e.documentedDefault() != null && !e.isFamily())
                .flatMap(e -> realDefaults(e.variable()).entrySet().stream()
                        .filter(real -> !e.documentedDefault().equals(real.getValue()))
                        .map(real ->
                                "%s:%d: %s is documented with default `%s`, but %s gives %s; correct the Default cell"
                                        .formatted(
                                                ConfigurationDoc.PATH,
                                                e.line(),
                                                e.variable(),
                                                e.documentedDefault(),
                                                real.getKey(),
                                                real.getValue() == null ? "none" : "`" + real.getValue() + "`"))));
    }

    @Test
    void everyDocumentedVariableIsRead() {
        Set<String> keys = readKeys();
        assertNone(doc.documentedFor(service).stream()
                .filter(e -> OWN_PREFIXES.stream().anyMatch(e.variable()::startsWith))
                .filter(e -> yaml.placeholders().stream().noneMatch(p -> e.covers(p.variable()))
                        && keys.stream().noneMatch(key -> e.covers(variableOf(key))))
                .map(e ->
                        ("%s:%d: %s is documented for %s, which reads no such variable: %s names no ${%s} and no key the"
                                        + " service reads is its name lower-cased with '_' as '.' or '-'; correct the name or the service's"
                                        + " column, or delete the row")
                                .formatted(
                                        ConfigurationDoc.PATH,
                                        e.line(),
                                        e.variable(),
                                        service,
                                        yamlPath,
                                        e.variable())));
    }

    @Test
    void applicationYmlLeavesSharedDefaultsToCommon() {
        assertNone(sharedDefaults.stream()
                .filter(d -> yaml.defaultOf(d.key()).equals(Optional.of(d.value())))
                .map(d -> "%s: %s repeats `%s`, the default in %s for every service; delete the key (%s still sets it)"
                        .formatted(yamlPath, d.key(), d.value(), d.source(), variableOf(d.key()))));
    }

    /** Where the default of a variable comes from when it is not set, and what it is (null: none). */
    private Map<String, String> realDefaults(String variable) {
        Map<String, String> defaults = new LinkedHashMap<>();
        yaml.placeholders().stream()
                .filter(p -> p.variable().equals(variable))
                .forEach(p -> defaults.put(yamlPath + " " + p.key(), p.defaultValue()));
        if (defaults.isEmpty()) {
            yaml.values().keySet().stream()
                    .filter(key -> variableOf(key).equals(variable))
                    .forEach(key -> defaults.put(
                            yamlPath + " " + key, yaml.defaultOf(key).orElse(null)));
        }
        if (defaults.isEmpty()) {
            sharedDefaults.stream()
                    .filter(d -> variableOf(d.key()).equals(variable))
                    .forEach(d -> defaults.put(d.source(), d.value()));
        }
        return defaults;
    }

    /** Keys the service may read: its application.yml's, its and common's records' and placeholders'. */
    private Set<String> readKeys() {
        Set<String> keys = new TreeSet<>(yaml.values().keySet());
        ConfigurationMetadata.onClasspath().forEach(p -> keys.add(p.name()));
        keys.addAll(CodeConfiguration.scan(doc.root(), service + "/src/main/java", COMMON_SOURCES)
                .keys());
        return keys;
    }

    private static List<SharedDefault> sharedDefaults(Path root) {
        Stream<SharedDefault> records = ConfigurationMetadata.onClasspath().stream()
                .filter(p ->
                        p.sourceType() != null && p.sourceType().startsWith(COMMON_PACKAGE) && p.defaultValue() != null)
                .map(p -> new SharedDefault(p.name(), p.defaultValue(), p.sourceType()));
        Stream<SharedDefault> placeholders = CodeConfiguration.scan(root, COMMON_SOURCES).inlineDefaults().stream()
                .filter(d -> d.key() != null)
                .map(d -> new SharedDefault(d.key(), d.value(), d.file() + ":" + d.line()));
        return Stream.concat(records, placeholders).toList();
    }

    /** The environment variable Micronaut maps to a key: {@code opscenter.redis.prefix} ← OPSCENTER_REDIS_PREFIX. */
    private static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void assertNone(Stream<String> problems) {
        List<String> found = problems.toList();
        assertTrue(found.isEmpty(), () -> found.size() + " to fix:\n" + String.join("\n", found));
    }
}
