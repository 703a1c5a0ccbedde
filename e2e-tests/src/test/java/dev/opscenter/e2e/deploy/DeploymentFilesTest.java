package dev.opscenter.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads docker-compose.yml and every manifest under deploy/ and checks the promises operations rely on: images, the
 * runtime environment, health checks wired to the services' health endpoints, resources, and Services that route.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .resolve("..")
            .normalize();
    private static final List<String> APP_SERVICES = List.of("ingress-service", "worker-service", "realtime-service");
    /** Public ports: what the Ingress routes and compose publishes. The worker has none. */
    private static final Map<String, Integer> PORTS = Map.of("ingress-service", 8080, "realtime-service", 8081);
    /** Management ports: health, probes, metrics and the scrape; never routed from outside. */
    private static final Map<String, Integer> MANAGEMENT_PORTS =
            Map.of("ingress-service", 9080, "realtime-service", 9081, "worker-service", 9082);

    private static final List<String> MANAGEMENT_PATHS = List.of("/health", "/prometheus", "/metrics");
    private static final Set<String> RUNTIME_ENV = Set.of(
            "DATABASE_URL",
            "DATABASE_USER",
            "DATABASE_PASSWORD",
            "REDIS_URL",
            "OPSCENTER_REDIS_PREFIX",
            "OPSCENTER_SECRET_KEY",
            "OPSCENTER_ADMIN_TOKEN",
            "MICRONAUT_SERVER_PORT",
            "OPSCENTER_MANAGEMENT_PORT");
    /** Worker notification settings that are secrets: from the Secret in Kubernetes. */
    private static final Set<String> NOTIFY_SECRETS = Set.of("SMTP_PASSWORD", "TELEGRAM_BOT_TOKEN");
    /** The other worker notification settings: from the ConfigMap in Kubernetes. */
    private static final Set<String> NOTIFY_SETTINGS =
            Set.of("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "OPSCENTER_ALERT_EMAIL_TO", "TELEGRAM_CHAT_ID");

    // --- docker-compose.yml --------------------------------------------------------------------------------------

    @Test
    void composeNamesTheWholeStack() {
        Map<String, Object> services = map(compose().get("services"));
        assertEquals(
                Set.of("postgres", "redis", "ingress-service", "worker-service", "realtime-service"),
                services.keySet());
        assertEquals("postgres:16", map(services.get("postgres")).get("image"));
        assertEquals("redis:7", map(services.get("redis")).get("image"));
    }

    @TestFactory
    Stream<DynamicTest> composeServiceRunsTheJibImageWithItsEnvironment() {
        Map<String, Object> services = map(compose().get("services"));
        return APP_SERVICES.stream()
                .map(name -> dynamicTest(name, () -> {
                    Map<String, Object> service = map(services.get(name));
                    assertEquals("opscenter/" + name + ":latest", service.get("image"));
                    Map<String, Object> env = map(service.get("environment"));
                    assertTrue(
                            env.keySet().containsAll(RUNTIME_ENV),
                            () -> name + " lacks " + missing(RUNTIME_ENV, env.keySet()));
                    int management = MANAGEMENT_PORTS.get(name);
                    // the worker's one port is its management port
                    assertEquals(
                            String.valueOf(PORTS.getOrDefault(name, management)),
                            String.valueOf(env.get("MICRONAUT_SERVER_PORT")));
                    assertEquals(String.valueOf(management), String.valueOf(env.get("OPSCENTER_MANAGEMENT_PORT")));
                    assertTrue(String.valueOf(env.get("DATABASE_URL")).startsWith("jdbc:postgresql://postgres:5432/"));
                    assertEquals("redis://redis:6379", env.get("REDIS_URL"));
                    List<String> published = new ArrayList<>();
                    if (PORTS.containsKey(name)) {
                        published.add(PORTS.get(name) + ":" + PORTS.get(name));
                    }
                    // management endpoints reachable from the Docker host itself, never from its network
                    published.add("127.0.0.1:" + management + ":" + management);
                    assertEquals(published, service.get("ports"));
                }));
    }

    @Test
    void composeWorkerDecryptsWithIngressKeyAndTakesNotificationSettingsBlankByDefault() {
        Map<String, Object> services = map(compose().get("services"));
        Map<String, Object> worker = map(map(services.get("worker-service")).get("environment"));
        Map<String, Object> ingress = map(map(services.get("ingress-service")).get("environment"));
        assertEquals(
                ingress.get("OPSCENTER_SECRET_KEY"),
                worker.get("OPSCENTER_SECRET_KEY"),
                "channel secrets are encrypted by ingress");
        for (String name : union(NOTIFY_SECRETS, NOTIFY_SETTINGS)) {
            // ${NAME:-default}: the operator's environment wins, and the default is blank (SMTP's port: 25)
            String expected = "${" + name + ":-" + (name.equals("SMTP_PORT") ? "25" : "") + "}";
            assertEquals(expected, worker.get(name), name);
        }
    }

    @TestFactory
    Stream<DynamicTest> composeHealthChecksEveryContainer() {
        Map<String, Object> services = map(compose().get("services"));
        return services.keySet().stream()
                .map(name -> dynamicTest(name, () -> {
                    Map<String, Object> healthcheck =
                            map(map(services.get(name)).get("healthcheck"));
                    String test = String.valueOf(healthcheck.get("test"));
                    assertFalse(test.isBlank(), name + " has an empty health check");
                    if (MANAGEMENT_PORTS.containsKey(name)) {
                        assertTrue(
                                test.contains("localhost:" + MANAGEMENT_PORTS.get(name) + "/health"),
                                name + " checks " + test);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> composeStartsServicesOnlyOnHealthyDependencies() {
        Map<String, Object> services = map(compose().get("services"));
        return APP_SERVICES.stream()
                .map(name -> dynamicTest(name, () -> {
                    Map<String, Object> dependsOn = map(map(services.get(name)).get("depends_on"));
                    assertTrue(dependsOn.containsKey("redis"), name + " must wait for redis");
                    dependsOn.forEach((dependency, condition) -> assertEquals(
                            "service_healthy", map(condition).get("condition"), name + " → " + dependency));
                }));
    }

    // --- deploy/ ---------------------------------------------------------------------------------------------------

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization =
                load(ROOT.resolve("deploy/kustomization.yaml")).get(0);
        List<String> resources = list(kustomization.get("resources")).stream()
                .map(String::valueOf)
                .toList();
        List<String> files;
        try (Stream<Path> paths = Files.list(ROOT.resolve("deploy"))) {
            files = paths.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        }
        assertEquals(files, resources.stream().sorted().toList());
    }

    @Test
    void deploysAllThreeServices() {
        assertEquals(Set.copyOf(APP_SERVICES), Set.copyOf(names(manifests("Deployment"))));
    }

    @TestFactory
    Stream<DynamicTest> everyDeploymentProbesHealthAndBoundsResources() {
        return manifests("Deployment").stream()
                .map(deployment -> dynamicTest(name(deployment), () -> {
                    Map<String, Object> pod =
                            map(map(map(deployment.get("spec")).get("template")).get("spec"));
                    assertEquals(30, pod.get("terminationGracePeriodSeconds"));
                    assertEquals(Boolean.TRUE, map(pod.get("securityContext")).get("runAsNonRoot"));
                    for (Object c : list(pod.get("containers"))) {
                        Map<String, Object> container = map(c);
                        assertEquals("/health/liveness", probePath(container, "livenessProbe"));
                        assertEquals("/health/readiness", probePath(container, "readinessProbe"));
                        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                            assertEquals(
                                    "management",
                                    map(map(container.get(probe)).get("httpGet"))
                                            .get("port"),
                                    probe);
                        }
                        assertEquals(MANAGEMENT_PORTS.get(name(deployment)), containerPort(container, "management"));
                        Map<String, Object> annotations =
                                map(map(map(map(deployment.get("spec")).get("template"))
                                                .get("metadata"))
                                        .get("annotations"));
                        assertEquals(
                                String.valueOf(MANAGEMENT_PORTS.get(name(deployment))),
                                annotations.get("prometheus.io/port"),
                                "scraped on the management port");
                        Map<String, Object> resources = map(container.get("resources"));
                        for (String bound : List.of("requests", "limits")) {
                            Map<String, Object> amounts = map(resources.get(bound));
                            assertNotNull(amounts.get("cpu"), bound + ".cpu");
                            assertNotNull(amounts.get("memory"), bound + ".memory");
                        }
                        assertNotNull(
                                map(map(container.get("lifecycle")).get("preStop")), "preStop lets endpoints drain");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> ingressAndRealtimeHaveAServiceThatRoutesToThem() {
        return Stream.of("ingress-service", "realtime-service")
                .map(name -> dynamicTest(name, () -> {
                    Map<String, Object> deployment = byName(manifests("Deployment"), name);
                    Map<String, Object> template =
                            map(map(deployment.get("spec")).get("template"));
                    Map<String, Object> podLabels =
                            map(map(template.get("metadata")).get("labels"));
                    Map<String, Object> container = map(
                            list(map(template.get("spec")).get("containers")).get(0));
                    Map<String, Object> containerPort =
                            map(list(container.get("ports")).get(0));

                    Map<String, Object> service = byName(manifests("Service"), name);
                    Map<String, Object> selector = map(map(service.get("spec")).get("selector"));
                    assertFalse(selector.isEmpty());
                    assertTrue(
                            podLabels.entrySet().containsAll(selector.entrySet()),
                            "selector " + selector + " misses pods " + podLabels);
                    Map<String, Object> port =
                            map(list(map(service.get("spec")).get("ports")).get(0));
                    Object target = port.get("targetPort");
                    assertTrue(
                            target.equals(containerPort.get("name"))
                                    || target.equals(containerPort.get("containerPort")),
                            "targetPort " + target + " matches no container port");
                    assertEquals(PORTS.get(name), containerPort.get("containerPort"));
                }));
    }

    @Test
    void everyDeploymentIsAutoscaledAndProtectedFromEvictionStorms() {
        List<String> deployments = names(manifests("Deployment"));
        List<String> scaled = manifests("HorizontalPodAutoscaler").stream()
                .map(h -> String.valueOf(
                        map(map(h.get("spec")).get("scaleTargetRef")).get("name")))
                .toList();
        assertTrue(
                scaled.containsAll(deployments),
                "no autoscaler for " + missing(Set.copyOf(deployments), Set.copyOf(scaled)));
        assertTrue(names(manifests("PodDisruptionBudget")).containsAll(deployments));
    }

    @Test
    void ingressRoutesTheSocketPathToRealtime() {
        Map<String, Object> ingress = manifests("Ingress").get(0);
        List<Object> paths =
                list(map(map(list(map(ingress.get("spec")).get("rules")).get(0)).get("http"))
                        .get("paths"));
        Map<String, String> backendByPath = new java.util.HashMap<>();
        for (Object p : paths) {
            backendByPath.put(
                    String.valueOf(map(p).get("path")),
                    String.valueOf(
                            map(map(map(p).get("backend")).get("service")).get("name")));
        }
        assertEquals("realtime-service", backendByPath.get("/ws"));
        assertEquals("ingress-service", backendByPath.get("/"));
        assertTrue(map(map(ingress.get("metadata")).get("annotations"))
                .containsKey("nginx.ingress.kubernetes.io/proxy-read-timeout"));
    }

    @Test
    void ingressRoutesOnlyPublicPortsAndNoManagementPath() {
        Map<String, Object> ingress = manifests("Ingress").get(0);
        for (Object rule : list(map(ingress.get("spec")).get("rules"))) {
            for (Object p : list(map(map(rule).get("http")).get("paths"))) {
                String path = String.valueOf(map(p).get("path"));
                assertTrue(MANAGEMENT_PATHS.stream().noneMatch(path::startsWith), "the Ingress routes " + path);
                Map<String, Object> backend = map(map(map(p).get("backend")).get("service"));
                String serviceName = String.valueOf(backend.get("name"));
                assertEquals("http", map(backend.get("port")).get("name"), path + " must go to the public port");
                // the Service port named http leads to the container's public port, never to its management port
                Map<String, Object> servicePort =
                        list(map(byName(manifests("Service"), serviceName).get("spec"))
                                        .get("ports"))
                                .stream()
                                .map(DeploymentFilesTest::map)
                                .filter(port -> "http".equals(port.get("name")))
                                .findFirst()
                                .orElseThrow();
                Map<String, Object> container = container(serviceName);
                Object target = servicePort.get("targetPort");
                Object containerPort =
                        target instanceof Integer number ? number : containerPort(container, String.valueOf(target));
                assertEquals(PORTS.get(serviceName), containerPort, path + " → " + serviceName);
            }
        }
    }

    @Test
    void secretTemplateHoldsOnlyPlaceholdersAndBlankOptionalSecrets() {
        Map<String, Object> secret = manifests("Secret").get(0);
        Map<String, Object> data = map(secret.get("stringData"));
        assertEquals(union(Set.of("SECRET_KEY", "ADMIN_TOKEN", "DATABASE_PASSWORD"), NOTIFY_SECRETS), data.keySet());
        data.forEach((key, value) -> assertEquals(NOTIFY_SECRETS.contains(key) ? "" : "REPLACE_ME", value, key));
    }

    @Test
    void workerReadsTheSecretKeyFromTheSecretLikeIngress() {
        String secretName = name(manifests("Secret").get(0));
        Map<String, Object> worker = secretRef(container("worker-service"), "OPSCENTER_SECRET_KEY");
        assertEquals(secretName, worker.get("name"));
        assertEquals("SECRET_KEY", worker.get("key"));
        assertEquals(
                secretRef(container("ingress-service"), "OPSCENTER_SECRET_KEY"),
                worker,
                "the worker decrypts what ingress encrypts");
    }

    @Test
    void workerTakesNotificationSecretsFromTheSecretAndTheRestFromTheConfigMap() {
        Map<String, Object> container = container("worker-service");
        Map<String, Object> secretData = map(manifests("Secret").get(0).get("stringData"));
        for (String name : NOTIFY_SECRETS) {
            Map<String, Object> ref = secretRef(container, name);
            assertEquals(name(manifests("Secret").get(0)), ref.get("name"), name);
            assertTrue(
                    secretData.containsKey(String.valueOf(ref.get("key"))), name + " refers to a key the Secret lacks");
            assertEquals(
                    Boolean.TRUE, ref.get("optional"), name + " is optional: a Secret made out of band may lack it");
        }
        Map<String, Object> configMap = manifests("ConfigMap").get(0);
        List<String> fromConfigMaps = list(container.get("envFrom")).stream()
                .map(e -> String.valueOf(map(map(e).get("configMapRef")).get("name")))
                .toList();
        assertTrue(fromConfigMaps.contains(name(configMap)), "the worker reads " + name(configMap));
        Map<String, Object> settings = map(configMap.get("data"));
        for (String name : NOTIFY_SETTINGS) {
            assertEquals(name.equals("SMTP_PORT") ? "25" : "", settings.get(name), name + " (blank = off)");
        }
        assertTrue(Collections.disjoint(settings.keySet(), NOTIFY_SECRETS), "no secret in the ConfigMap");
    }

    // --- reading -------------------------------------------------------------------------------------------------

    private static Map<String, Object> compose() {
        return load(ROOT.resolve("docker-compose.yml")).get(0);
    }

    /** Every document of every YAML file under deploy/, of one kind. */
    private static List<Map<String, Object>> manifests(String kind) {
        try (Stream<Path> paths = Files.walk(ROOT.resolve("deploy"))) {
            return paths.filter(p -> p.toString().endsWith(".yaml"))
                    .sorted()
                    .flatMap(p -> load(p).stream())
                    .filter(doc -> kind.equals(doc.get("kind")))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + ROOT.resolve("deploy"), e);
        }
    }

    private static List<Map<String, Object>> load(Path file) {
        assertTrue(Files.isRegularFile(file), () -> file + " not found");
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml().loadAll(reader)) {
                if (doc != null) {
                    documents.add(map(doc));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return documents;
    }

    private static Map<String, Object> container(String deployment) {
        Map<String, Object> pod = map(
                map(map(byName(manifests("Deployment"), deployment).get("spec")).get("template"))
                        .get("spec"));
        return map(list(pod.get("containers")).get(0));
    }

    /** The secretKeyRef of one env entry of a container. */
    private static Map<String, Object> secretRef(Map<String, Object> container, String variable) {
        Map<String, Object> entry = list(container.get("env")).stream()
                .map(DeploymentFilesTest::map)
                .filter(e -> variable.equals(e.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + variable + " in " + container.get("name")));
        return map(map(entry.get("valueFrom")).get("secretKeyRef"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The containerPort of a container's named port. */
    private static Object containerPort(Map<String, Object> container, String portName) {
        return list(container.get("ports")).stream()
                .map(DeploymentFilesTest::map)
                .filter(port -> portName.equals(port.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no port " + portName + " in " + container.get("name")))
                .get("containerPort");
    }

    private static String probePath(Map<String, Object> container, String probe) {
        return String.valueOf(map(map(container.get(probe)).get("httpGet")).get("path"));
    }

    private static Map<String, Object> byName(List<Map<String, Object>> docs, String name) {
        return docs.stream()
                .filter(d -> name.equals(name(d)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " among " + names(docs)));
    }

    private static List<String> names(List<Map<String, Object>> docs) {
        return docs.stream().map(DeploymentFilesTest::name).toList();
    }

    private static String name(Map<String, Object> doc) {
        return String.valueOf(map(doc.get("metadata")).get("name"));
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        return wanted.stream().filter(w -> !present.contains(w)).collect(java.util.stream.Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, () -> "expected a mapping, found " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertTrue(value instanceof List, () -> "expected a list, found " + value);
        return (List<Object>) Objects.requireNonNull(value);
    }
}
