package dev.opscenter.e2e.deploy;

import static dev.opscenter.e2e.deploy.DeployFiles.DEPLOY;
import static dev.opscenter.e2e.deploy.DeployFiles.list;
import static dev.opscenter.e2e.deploy.DeployFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an apply of each kustomization sends: every object valid, in the namespace, with the release's images. */
class RenderedOverlaysTest {
    private static final List<String> ROOTS =
            List.of("overlays/production", "overlays/dev", "migrate", "observability");

    @TestFactory
    Stream<DynamicTest> everyRenderedObjectIsValidAndInTheNamespace() {
        return ROOTS.stream()
                .flatMap(root -> render(root).stream()
                        .map(object -> dynamicTest(
                                root + ": " + object.get("kind") + " "
                                        + map(object.get("metadata")).get("name"),
                                () -> {
                                    String apiVersion = String.valueOf(object.get("apiVersion"));
                                    String kind = String.valueOf(object.get("kind"));
                                    if (StrictKubernetes.builtIn(apiVersion)) {
                                        assertEquals(
                                                Optional.empty(), StrictKubernetes.problem(apiVersion, kind, object));
                                    } else {
                                        assertEquals(List.of(), CustomResources.problems(apiVersion, kind, object));
                                    }
                                    Object namespace =
                                            map(object.get("metadata")).get("namespace");
                                    assertEquals(kind.equals("Namespace") ? null : "opscenter", namespace);
                                })));
    }

    @TestFactory
    Stream<DynamicTest> everyRenderedContainerRunsTheReleasesImage() {
        String tag = String.valueOf(
                map(list(DeployFiles.kustomization("base").get("images")).get(0))
                        .get("newTag"));
        return Stream.of("overlays/production", "overlays/dev", "migrate")
                .map(root -> dynamicTest(root, () -> {
                    Set<String> images = new TreeSet<>();
                    for (Map<String, Object> object : render(root)) {
                        if (Set.of("Deployment", "Job").contains(object.get("kind"))) {
                            for (Object c : list(map(map(map(object.get("spec")).get("template"))
                                            .get("spec"))
                                    .get("containers"))) {
                                images.add(String.valueOf(map(c).get("image")));
                            }
                        }
                    }
                    assertTrue(
                            !images.isEmpty()
                                    && images.stream().allMatch(i -> i.matches("opscenter/[a-z-]+-service:" + tag)),
                            () -> root + " runs " + images);
                }));
    }

    @Test
    void productionScalesTheConsumersWithKedaAndIngressWithItsHpaNeverBothOnOneDeployment() {
        List<Map<String, Object>> objects = render("overlays/production");

        assertEquals(Set.of("worker-service", "realtime-service"), targets(objects, "ScaledObject"));
        assertEquals(Set.of("ingress-service"), targets(objects, "HorizontalPodAutoscaler"));
        assertTrue(
                kinds(objects).containsAll(Set.of("PodMonitor", "PrometheusRule")), "the observability pack is in it");
    }

    @Test
    void devRunsTheDevEnvironmentOnLoadedImagesWithCpuAutoscaling() {
        List<Map<String, Object>> objects = render("overlays/dev");

        Map<String, Object> config = objects.stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")))
                .findFirst()
                .orElseThrow();
        assertEquals("dev", map(config.get("data")).get("MICRONAUT_ENVIRONMENTS"));
        for (Map<String, Object> object : objects) {
            if ("Deployment".equals(object.get("kind"))) {
                Map<String, Object> container = map(
                        list(map(map(map(object.get("spec")).get("template")).get("spec"))
                                        .get("containers"))
                                .get(0));
                assertEquals("Never", container.get("imagePullPolicy"), "images loaded into the cluster");
            }
        }
        assertEquals(
                Set.of("ingress-service", "worker-service", "realtime-service"),
                targets(objects, "HorizontalPodAutoscaler"));
        assertEquals(Set.of(), targets(objects, "ScaledObject"));
    }

    @TestFactory
    Stream<DynamicTest> noOverlayAppliesASecret() {
        return ROOTS.stream()
                .map(root -> dynamicTest(
                        root,
                        () -> assertTrue(
                                !kinds(render(root)).contains("Secret"),
                                root + " would overwrite a Secret made out of band")));
    }

    /** Overlays on the base that kustomize would refuse, or that this render does not know: each must fail it. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                // a replace of a field the Deployment does not have
                """
                patches:
                  - target: {kind: Deployment, name: worker-service}
                    patch: '[{op: replace, path: /spec/template/spec/containers/0/imagePullPolicyy, value: Never}]'
                """,
                // a kustomize feature the render does not implement
                """
                replicas:
                  - {name: worker-service, count: 3}
                """
            })
    void anOverlayTheRenderCannotHonourFailsIt(String rest, @TempDir Path overlay) throws IOException {
        Files.writeString(
                overlay.resolve("kustomization.yaml"), "resources:\n  - " + DEPLOY.resolve("base") + "\n" + rest);

        assertThrows(AssertionError.class, () -> Kustomize.build(overlay));
    }

    private static List<Map<String, Object>> render(String root) {
        return Kustomize.build(DEPLOY.resolve(root));
    }

    private static Set<String> kinds(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> String.valueOf(o.get("kind"))).collect(Collectors.toSet());
    }

    private static Set<String> targets(List<Map<String, Object>> objects, String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")))
                .map(o -> String.valueOf(
                        map(map(o.get("spec")).get("scaleTargetRef")).get("name")))
                .collect(Collectors.toSet());
    }
}
