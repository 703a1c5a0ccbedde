package dev.opscenter.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** DeployFiles reads the repository's deployment files: every YAML document under deploy/, with the file it is in. */
final class DeployFiles {
    static final Path ROOT = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .resolve("..")
            .normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final List<String> APP_SERVICES = List.of("ingress-service", "worker-service", "realtime-service");

    /** One YAML document and the file it came from. */
    record Doc(Path file, Map<String, Object> body) {
        String kind() {
            return String.valueOf(body.get("kind"));
        }

        String name() {
            return String.valueOf(map(body.get("metadata")).get("name"));
        }

        String apiVersion() {
            return String.valueOf(body.get("apiVersion"));
        }

        Map<String, Object> spec() {
            return map(body.get("spec"));
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + ROOT.relativize(file) + ")";
        }
    }

    private DeployFiles() {}

    /** Every object under deploy/ (kustomizations and components excluded), the examples included. */
    static List<Doc> objects() {
        try (Stream<Path> paths = Files.walk(DEPLOY)) {
            return paths.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .flatMap(p -> load(p).stream().map(body -> new Doc(p, body)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DEPLOY, e);
        }
    }

    /** The objects of one kind, outside examples/. */
    static List<Doc> objects(String kind) {
        return objects().stream()
                .filter(d -> kind.equals(d.kind()))
                .filter(d -> !d.file().startsWith(DEPLOY.resolve("examples")))
                .toList();
    }

    static Doc byName(List<Doc> docs, String name) {
        return docs.stream()
                .filter(d -> name.equals(d.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " among " + docs));
    }

    /** The kustomization.yaml of a directory under deploy/ (base, migrate, overlays/production, …). */
    static Map<String, Object> kustomization(String dir) {
        return load(DEPLOY.resolve(dir).resolve("kustomization.yaml")).get(0);
    }

    /** The pod template's spec of a Deployment or Job. */
    static Map<String, Object> podSpec(Doc workload) {
        return map(map(workload.spec().get("template")).get("spec"));
    }

    static Map<String, Object> container(String deployment) {
        return map(list(podSpec(byName(objects("Deployment"), deployment)).get("containers"))
                .get(0));
    }

    /** The env entry of a container with that name, if any. */
    static Optional<Map<String, Object>> env(Map<String, Object> container, String variable) {
        return list(container.getOrDefault("env", List.of())).stream()
                .map(DeployFiles::map)
                .filter(e -> variable.equals(e.get("name")))
                .findFirst();
    }

    static List<Map<String, Object>> load(Path file) {
        assertTrue(Files.isRegularFile(file), () -> file + " not found");
        try (Reader reader = Files.newBufferedReader(file)) {
            return loadAll(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<Map<String, Object>> loadAll(String yaml) {
        return loadAll(new StringReader(yaml));
    }

    private static List<Map<String, Object>> loadAll(Reader reader) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(reader)) {
            if (doc != null) {
                documents.add(map(doc));
            }
        }
        return documents;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, () -> "expected a mapping, found " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertTrue(value instanceof List, () -> "expected a list, found " + value);
        return (List<Object>) Objects.requireNonNull(value);
    }
}
