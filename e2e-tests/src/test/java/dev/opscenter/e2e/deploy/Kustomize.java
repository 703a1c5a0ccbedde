package dev.opscenter.e2e.deploy;

import static dev.opscenter.e2e.deploy.DeployFiles.list;
import static dev.opscenter.e2e.deploy.DeployFiles.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kustomize renders a kustomization under deploy/ the way kustomize does, for the features deploy/ uses and no
 * others (an unknown field of a kustomization fails the render): resources (files and directories), components,
 * namespace, labels, images (newName, newTag, digest), configMapGenerator from files, and JSON 6902 patches with the
 * add and replace operations. The tests then check what an apply would send, overlay by overlay.
 */
final class Kustomize {
    private static final Set<String> FIELDS = Set.of(
            "apiVersion",
            "kind",
            "namespace",
            "labels",
            "resources",
            "components",
            "images",
            "configMapGenerator",
            "patches");
    /** Kinds without a namespace among those deploy/ uses. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {}

    /** The objects {@code dir}'s kustomization.yaml renders to. */
    static List<Map<String, Object>> build(Path dir) {
        Map<String, Object> k =
                DeployFiles.load(dir.resolve("kustomization.yaml")).get(0);
        for (String field : k.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new AssertionError(dir + "/kustomization.yaml: " + field + " is not rendered by this check");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(k.getOrDefault("resources", List.of()))) {
            Path path = dir.resolve(String.valueOf(resource)).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : DeployFiles.load(path));
        }
        for (Object generator : list(k.getOrDefault("configMapGenerator", List.of()))) {
            objects.add(configMap(dir, map(generator)));
        }
        for (Object component : list(k.getOrDefault("components", List.of()))) {
            // a component adds its resources and patches to what this kustomization has so far
            Path path = dir.resolve(String.valueOf(component)).normalize();
            Map<String, Object> c =
                    DeployFiles.load(path.resolve("kustomization.yaml")).get(0);
            for (Object resource : list(c.getOrDefault("resources", List.of()))) {
                objects.addAll(DeployFiles.load(path.resolve(String.valueOf(resource))));
            }
        }
        for (Object patch : list(k.getOrDefault("patches", List.of()))) {
            patch(objects, map(patch));
        }
        for (Map<String, Object> object : objects) {
            apply(k, object);
        }
        return objects;
    }

    private static void apply(Map<String, Object> k, Map<String, Object> object) {
        Map<String, Object> metadata = map(object.get("metadata"));
        if (k.get("namespace") != null && !CLUSTER_SCOPED.contains(String.valueOf(object.get("kind")))) {
            metadata.put("namespace", k.get("namespace"));
        }
        for (Object label : list(k.getOrDefault("labels", List.of()))) {
            Map<String, Object> labels =
                    new LinkedHashMap<>(map(metadata.getOrDefault("labels", new LinkedHashMap<>())));
            labels.putAll(map(map(label).get("pairs")));
            metadata.put("labels", labels);
        }
        for (Object image : list(k.getOrDefault("images", List.of()))) {
            setImage(object, map(image));
        }
    }

    /** Sets the tag (or digest) and name of every container image named like the images entry. */
    @SuppressWarnings("unchecked")
    private static void setImage(Object node, Map<String, Object> image) {
        if (node instanceof List<?> items) {
            items.forEach(item -> setImage(item, image));
        } else if (node instanceof Map<?, ?> fields) {
            Object current = fields.get("image");
            if (current instanceof String name && name.replaceAll("[:@].*", "").equals(image.get("name"))) {
                String newName = String.valueOf(image.getOrDefault("newName", image.get("name")));
                String suffix = image.get("digest") != null
                        ? "@" + image.get("digest")
                        : image.get("newTag") != null ? ":" + image.get("newTag") : "";
                ((Map<String, Object>) fields).put("image", newName + suffix);
            }
            fields.values().forEach(value -> setImage(value, image));
        }
    }

    private static Map<String, Object> configMap(Path dir, Map<String, Object> generator) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object file : list(generator.get("files"))) {
            data.put(
                    Path.of(String.valueOf(file)).getFileName().toString(),
                    DeployFiles.read(dir.resolve(String.valueOf(file))));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", generator.get("name"));
        Map<String, Object> options = map(generator.getOrDefault("options", Map.of()));
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new AssertionError("generated names with a hash suffix are not rendered by this check");
        }
        if (options.get("labels") != null) {
            metadata.put("labels", new LinkedHashMap<>(map(options.get("labels"))));
        }
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", metadata);
        configMap.put("data", data);
        return configMap;
    }

    /** A JSON 6902 patch (add, replace) on every object its target's kind (and name, if given) selects. */
    private static void patch(List<Map<String, Object>> objects, Map<String, Object> patch) {
        Map<String, Object> target = map(patch.get("target"));
        List<Object> operations = list(new org.yaml.snakeyaml.Yaml().load(String.valueOf(patch.get("patch"))));
        int matched = 0;
        for (Map<String, Object> object : objects) {
            boolean kind = target.get("kind").equals(object.get("kind"));
            boolean name = target.get("name") == null
                    || target.get("name").equals(map(object.get("metadata")).get("name"));
            if (kind && name) {
                operations.forEach(op -> operate(object, map(op)));
                matched++;
            }
        }
        if (matched == 0) {
            throw new AssertionError("patch target " + target + " selects nothing");
        }
    }

    @SuppressWarnings("unchecked")
    private static void operate(Map<String, Object> object, Map<String, Object> operation) {
        String op = String.valueOf(operation.get("op"));
        if (!op.equals("add") && !op.equals("replace")) {
            throw new AssertionError("patch operation " + op + " is not rendered by this check");
        }
        String[] steps = String.valueOf(operation.get("path")).substring(1).split("/");
        Object node = object;
        for (int i = 0; i < steps.length - 1; i++) {
            node = node instanceof List<?> items
                    ? items.get(Integer.parseInt(steps[i]))
                    : map(node).get(steps[i]);
            if (node == null) {
                throw new AssertionError("patch path " + operation.get("path") + " does not exist");
            }
        }
        String last = steps[steps.length - 1].replace("~1", "/").replace("~0", "~");
        if (node instanceof List<?> items) {
            ((List<Object>) items).set(Integer.parseInt(last), operation.get("value"));
            return;
        }
        Map<String, Object> parent = map(node);
        if (op.equals("replace") && !parent.containsKey(last)) {
            throw new AssertionError("replace of " + operation.get("path") + ", which does not exist");
        }
        parent.put(last, operation.get("value"));
    }
}
