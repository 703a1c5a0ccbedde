package dev.opscenter.e2e.deploy;

import static dev.opscenter.e2e.deploy.DeployFiles.DEPLOY;
import static dev.opscenter.e2e.deploy.DeployFiles.ROOT;
import static dev.opscenter.e2e.deploy.DeployFiles.list;
import static dev.opscenter.e2e.deploy.DeployFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.opscenter.e2e.deploy.DeployFiles.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every object under deploy/ read as the API server would: built-in kinds strictly into the Kubernetes model classes,
 * custom resources against their CRDs' fields; every file reachable from a kustomization. Planted errors prove that
 * the checks fail.
 */
class ManifestSchemaTest {

    @TestFactory
    Stream<DynamicTest> everyBuiltInObjectReadsStrictlyIntoTheKubernetesApi() {
        return DeployFiles.objects().stream()
                .filter(d -> StrictKubernetes.builtIn(d.apiVersion()))
                .map(d -> dynamicTest(
                        d.toString(),
                        () -> assertEquals(
                                Optional.empty(), StrictKubernetes.problem(d.apiVersion(), d.kind(), d.body()))));
    }

    @TestFactory
    Stream<DynamicTest> everyCustomResourceHasTheFieldsItsCrdRequiresAndNoOthers() {
        return DeployFiles.objects().stream()
                .filter(d -> !StrictKubernetes.builtIn(d.apiVersion()))
                // the examples' ExternalSecret belongs to an operator this project does not install or check
                .filter(d -> !d.file().startsWith(DEPLOY.resolve("examples")))
                .map(d -> dynamicTest(
                        d.toString(),
                        () -> assertEquals(List.of(), CustomResources.problems(d.apiVersion(), d.kind(), d.body()))));
    }

    /** A misspelt field at the top of the spec, and one deep in the pod template's container. */
    @ParameterizedTest
    @CsvSource({
        "base/ingress-service.yaml, revisionHistoryLimit:, revisionHistoryLimt",
        "base/worker-service.yaml, readOnlyRootFilesystem:, readOnlyRootFileSystem"
    })
    void aPlantedUnknownFieldFailsTheStrictRead(String file, String field, String misspelt) {
        Map<String, Object> deployment = planted(file, field, misspelt + ":");

        Optional<String> problem = StrictKubernetes.problem("apps/v1", "Deployment", deployment);

        assertTrue(problem.orElse("").contains(misspelt), () -> "no problem found: " + problem);
    }

    @Test
    void aPlantedWrongTypeFailsTheStrictRead() {
        Map<String, Object> deployment = planted(
                "base/ingress-service.yaml",
                "terminationGracePeriodSeconds: 30",
                "terminationGracePeriodSeconds: thirty");

        assertTrue(StrictKubernetes.problem("apps/v1", "Deployment", deployment).isPresent());
    }

    @Test
    void anUnknownApiVersionFailsTheStrictRead() {
        Map<String, Object> hpa = planted(
                "base/ingress-service.yaml",
                "apiVersion: autoscaling/v2",
                "apiVersion: autoscaling/v2beta1",
                "HorizontalPodAutoscaler");

        assertTrue(StrictKubernetes.problem("autoscaling/v2beta1", "HorizontalPodAutoscaler", hpa)
                .isPresent());
    }

    @Test
    void aPlantedTriggerMetadataTypoFailsTheCustomResourceCheck() {
        Map<String, Object> scaledObject = planted(
                "components/keda/scaled-objects.yaml", "lagCount: \"2000\"", "lagcount: \"2000\"", "ScaledObject");

        List<String> problems = CustomResources.problems("keda.sh/v1alpha1", "ScaledObject", scaledObject);

        assertTrue(problems.stream().anyMatch(p -> p.contains("lagcount")), () -> "problems: " + problems);
    }

    @Test
    void aRuleWithoutExpressionFailsTheCustomResourceCheck() {
        Map<String, Object> rule = planted(
                "observability/prometheus-rule.yaml",
                "          expr: max by (stream) (",
                "          exp: max by (stream) (",
                "PrometheusRule");

        List<String> problems = CustomResources.problems("monitoring.coreos.com/v1", "PrometheusRule", rule);

        assertTrue(problems.stream().anyMatch(p -> p.contains("expr is required")), () -> "problems: " + problems);
    }

    @Test
    void everyManifestIsReachableFromAKustomizationAndEveryListedFileExists() {
        Set<Path> listed = new HashSet<>();
        for (Path kustomization : files("kustomization.yaml")) {
            Path dir = kustomization.getParent();
            Map<String, Object> k = DeployFiles.load(kustomization).get(0);
            for (String key : List.of("resources", "components")) {
                for (Object entry : list(k.getOrDefault(key, List.of()))) {
                    Path target = dir.resolve(String.valueOf(entry)).normalize();
                    assertTrue(Files.exists(target), () -> ROOT.relativize(kustomization) + " lists missing " + entry);
                    listed.add(target);
                }
            }
            for (Object generator : list(k.getOrDefault("configMapGenerator", List.of()))) {
                for (Object file : list(map(generator).get("files"))) {
                    Path target = dir.resolve(String.valueOf(file)).normalize();
                    assertTrue(
                            Files.exists(target),
                            () -> ROOT.relativize(kustomization) + " generates from missing " + file);
                    listed.add(target);
                }
            }
        }
        List<String> orphans = new ArrayList<>();
        for (Path file : files(".yaml")) {
            boolean isKustomization = file.getFileName().toString().equals("kustomization.yaml");
            if (!isKustomization && !file.startsWith(DEPLOY.resolve("examples")) && !listed.contains(file)) {
                orphans.add(ROOT.relativize(file).toString());
            }
        }
        assertEquals(List.of(), orphans, "manifests no kustomization applies");
    }

    @Test
    void noSecretIsAppliedByAKustomization() {
        List<Doc> applied = DeployFiles.objects("Secret");

        assertEquals(List.of(), applied, "an apply would overwrite Secrets made out of band; keep them in examples/");
        assertTrue(
                DeployFiles.objects().stream().anyMatch(d -> d.kind().equals("Secret")),
                "examples/secrets.yaml shows them");
    }

    /** The first document of a deploy/ file (of one kind, if given), with one text replaced before it is read. */
    private static Map<String, Object> planted(String file, String text, String replacement, String... kind) {
        String yaml = DeployFiles.read(DEPLOY.resolve(file));
        assertTrue(yaml.contains(text), () -> file + " no longer contains " + text);
        List<Map<String, Object>> docs =
                DeployFiles.loadAll(yaml.replaceFirst(java.util.regex.Pattern.quote(text), replacement));
        return docs.stream()
                .filter(d -> kind.length == 0 || kind[0].equals(d.get("kind")))
                .findFirst()
                .orElseThrow();
    }

    private static List<Path> files(String suffix) {
        try (Stream<Path> paths = Files.walk(DEPLOY)) {
            return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
