package dev.opscenter.e2e.deploy;

import static dev.opscenter.e2e.deploy.DeployFiles.ROOT;
import static dev.opscenter.e2e.deploy.DeployFiles.byName;
import static dev.opscenter.e2e.deploy.DeployFiles.container;
import static dev.opscenter.e2e.deploy.DeployFiles.list;
import static dev.opscenter.e2e.deploy.DeployFiles.map;
import static dev.opscenter.e2e.deploy.DeployFiles.objects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.opscenter.e2e.deploy.DeployFiles.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What reaches the services and what they reach: only public paths routed, long timeouts on the socket alone,
 * default-deny network policies with the flows the services need, each service's own secrets, and a PostgreSQL
 * connection count that stays inside the documented budget at the autoscalers' maximum.
 */
class LockDownTest {
    private static final List<String> MANAGEMENT_PATHS = List.of("/health", "/prometheus", "/metrics");
    /** The secrets each workload reads, all from its own Secret. */
    private static final Map<String, Set<String>> SECRETS = Map.of(
            "ingress-service",
                    Set.of(
                            "OPSCENTER_SECRET_KEY",
                            "OPSCENTER_ADMIN_TOKEN",
                            "OPSCENTER_ADMIN_USER",
                            "OPSCENTER_ADMIN_PASSWORD",
                            "DATABASE_PASSWORD",
                            "REDIS_URL"),
            "worker-service",
                    Set.of(
                            "OPSCENTER_SECRET_KEY",
                            "DATABASE_PASSWORD",
                            "REDIS_URL",
                            "SMTP_PASSWORD",
                            "TELEGRAM_BOT_TOKEN"),
            "realtime-service", Set.of("OPSCENTER_ADMIN_TOKEN", "REDIS_URL"));

    private static final List<String> PRIVATE_RANGES =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8");

    // --- Ingress -------------------------------------------------------------------------------------------------

    @Test
    void theMainIngressRoutesTheApiAndExactlyTheDashboardsFiles() {
        Map<String, String> routes = routes(byName(objects("Ingress"), "opscenter"));
        Map<String, String> expected = new TreeMap<>();
        expected.put("Prefix /api", "ingress-service");
        expected.put("Exact /", "ingress-service");
        for (String file : dashboardFiles()) {
            expected.put("Exact /" + file, "ingress-service");
        }
        // vendored into the jar at build time (ingress-service's pom), not a file of dashboard-ui/
        expected.put("Exact /vendor/chart.js/chart.umd.js", "ingress-service");
        expected.put("Exact /vendor/prismjs/prism-core.min.js", "ingress-service");
        expected.put("Exact /vendor/prismjs/prism-json.min.js", "ingress-service");
        // the feed's lit-html modules and the modules they import, each by its exact path
        for (String module : List.of("lit-html.js", "directives/repeat.js", "directive.js", "directive-helpers.js")) {
            expected.put("Exact /vendor/lit-html/" + module, "ingress-service");
        }
        assertEquals(expected, routes);
    }

    @Test
    void theSocketHasAnIngressOfItsOwnWithTheLongTimeouts() {
        Doc live = byName(objects("Ingress"), "opscenter-live");
        assertEquals(Map.of("Exact /ws", "realtime-service"), routes(live));
        assertTrue(timeout(live) >= 3600, "idle sockets stay open past the heartbeat");
        for (Doc ingress : objects("Ingress")) {
            if (!ingress.name().equals("opscenter-live")) {
                assertTrue(timeout(ingress) <= 60, () -> ingress + " holds requests for " + timeout(ingress) + " s");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRouteGoesToAPublicPortAndNoneToAManagementPath() {
        return objects("Ingress").stream()
                .map(ingress -> dynamicTest(ingress.name(), () -> {
                    for (Object rule : list(ingress.spec().get("rules"))) {
                        for (Object p : list(map(map(rule).get("http")).get("paths"))) {
                            String path = String.valueOf(map(p).get("path"));
                            assertTrue(MANAGEMENT_PATHS.stream().noneMatch(path::startsWith), "routes " + path);
                            Map<String, Object> backend =
                                    map(map(map(p).get("backend")).get("service"));
                            assertEquals(
                                    "http", map(backend.get("port")).get("name"), path + " must go to the public port");
                            Map<String, Object> servicePort = list(
                                            byName(objects("Service"), String.valueOf(backend.get("name")))
                                                    .spec()
                                                    .get("ports"))
                                    .stream()
                                    .map(DeployFiles::map)
                                    .filter(port -> "http".equals(port.get("name")))
                                    .findFirst()
                                    .orElseThrow();
                            assertEquals(
                                    "http",
                                    servicePort.get("targetPort"),
                                    "the Service's http port is the container's");
                        }
                    }
                }));
    }

    // --- NetworkPolicies -----------------------------------------------------------------------------------------

    @Test
    void everythingIsDeniedUnlessAPolicyAllowsIt() {
        Doc deny = byName(objects("NetworkPolicy"), "default-deny");
        assertEquals(Map.of(), map(deny.spec().get("podSelector")), "selects every pod");
        assertEquals(List.of("Ingress", "Egress"), deny.spec().get("policyTypes"));
        assertFalse(deny.spec().containsKey("ingress") || deny.spec().containsKey("egress"), "allows nothing");
    }

    @Test
    void managementPortsAdmitOnlyPrometheusAndIngressCheckingRealtime() {
        for (Doc policy : objects("NetworkPolicy")) {
            for (Object rule : list(policy.spec().getOrDefault("ingress", List.of()))) {
                boolean management = list(map(rule).getOrDefault("ports", List.of())).stream()
                        .anyMatch(p -> Set.of("management", 9080, 9081, 9082).contains(map(p).get("port")));
                if (!management) {
                    continue;
                }
                for (Object peer : list(map(rule).get("from"))) {
                    Map<String, Object> from = map(peer);
                    boolean monitoring = from.containsKey("namespaceSelector")
                            && map(map(from.get("namespaceSelector")).get("matchLabels"))
                                    .equals(Map.of("kubernetes.io/metadata.name", "monitoring"));
                    boolean ingress = !from.containsKey("namespaceSelector")
                            && map(map(from.get("podSelector")).get("matchLabels"))
                                    .equals(Map.of("app.kubernetes.io/name", "ingress-service"));
                    assertTrue(monitoring || ingress, () -> policy + " opens a management port to " + from);
                }
            }
        }
    }

    @Test
    void publicPortsAdmitOnlyTheIngressController() {
        Doc policy = byName(objects("NetworkPolicy"), "public-from-ingress-controller");
        Map<String, Object> rule = map(list(policy.spec().get("ingress")).get(0));
        assertEquals(List.of(Map.of("protocol", "TCP", "port", "http")), rule.get("ports"));
        assertEquals(
                List.of(Map.of(
                        "namespaceSelector",
                        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")))),
                rule.get("from"));
    }

    @Test
    void theWorkerReachesTheInternetButNoPrivateRangeBesidesPostgresqlAndRedis() {
        Doc policy = byName(objects("NetworkPolicy"), "worker-service-egress");
        List<String> peers = new ArrayList<>();
        for (Object rule : list(policy.spec().get("egress"))) {
            for (Object to : list(map(rule).get("to"))) {
                Map<String, Object> peer = map(to);
                if (peer.containsKey("ipBlock")) {
                    Map<String, Object> block = map(peer.get("ipBlock"));
                    List<Object> except = list(block.get("except"));
                    if (block.get("cidr").equals("0.0.0.0/0")) {
                        assertTrue(except.containsAll(PRIVATE_RANGES), () -> "reaches private ranges: " + except);
                    } else {
                        assertEquals("::/0", block.get("cidr"));
                        assertTrue(
                                except.containsAll(List.of("fc00::/7", "fe80::/10", "::1/128")),
                                () -> "reaches " + except);
                    }
                } else {
                    peers.add(String.valueOf(
                            map(map(peer.get("podSelector")).get("matchLabels")).get("app.kubernetes.io/name")));
                }
            }
        }
        assertEquals(List.of("postgresql", "redis"), peers);
    }

    @TestFactory
    Stream<DynamicTest> everyWorkloadHasTheEgressItNeedsAndNoMore() {
        Map<String, Set<String>> expected = Map.of(
                "ingress-service", Set.of("postgresql:5432", "redis:6379", "realtime-service:9081"),
                "realtime-service", Set.of("redis:6379"),
                "opscenter-migrate", Set.of("postgresql:5432"));
        return expected.entrySet().stream()
                .map(e -> dynamicTest(e.getKey(), () -> {
                    Set<String> flows = new TreeSet<>();
                    for (Doc policy : objects("NetworkPolicy")) {
                        Map<String, Object> selector = map(policy.spec().get("podSelector"));
                        if (!Map.of("app.kubernetes.io/name", e.getKey()).equals(selector.get("matchLabels"))) {
                            continue;
                        }
                        for (Object rule : list(policy.spec().getOrDefault("egress", List.of()))) {
                            for (Object to : list(map(rule).get("to"))) {
                                String peer = String.valueOf(
                                        map(map(map(to).get("podSelector")).get("matchLabels"))
                                                .get("app.kubernetes.io/name"));
                                for (Object port : list(map(rule).get("ports"))) {
                                    flows.add(peer + ":" + map(port).get("port"));
                                }
                            }
                        }
                    }
                    assertEquals(new TreeSet<>(e.getValue()), flows);
                }));
    }

    // --- Secrets -------------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyServiceGetsOnlyItsOwnSecrets() {
        Map<String, Map<String, Object>> examples = new HashMap<>();
        for (Doc secret : DeployFiles.objects()) {
            if (secret.kind().equals("Secret")) {
                examples.put(secret.name(), map(secret.body().get("stringData")));
            }
        }
        return SECRETS.entrySet().stream()
                .map(e -> dynamicTest(e.getKey(), () -> {
                    Map<String, Object> container = container(e.getKey());
                    Set<String> fromSecrets = new HashSet<>();
                    for (Object entry : list(container.get("env"))) {
                        Map<String, Object> env = map(entry);
                        if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") != null) {
                            Map<String, Object> ref = map(from.get("secretKeyRef"));
                            String secretName = "opscenter-" + e.getKey().replace("-service", "");
                            assertEquals(secretName, ref.get("name"), "a Secret of its own");
                            assertTrue(
                                    examples.containsKey(secretName),
                                    () -> "examples/secrets.yaml lacks " + secretName);
                            assertTrue(
                                    examples.get(secretName).containsKey(String.valueOf(ref.get("key"))),
                                    () -> "no key " + ref);
                            fromSecrets.add(String.valueOf(env.get("name")));
                        }
                    }
                    assertEquals(e.getValue(), fromSecrets);
                    assertFalse(container.containsKey("envFrom")
                            && String.valueOf(container.get("envFrom")).contains("secretRef"));
                }));
    }

    @Test
    void theConfigMapHoldsNoSecretAndNoRedisUrl() {
        Map<String, Object> data =
                map(byName(objects("ConfigMap"), "opscenter-config").body().get("data"));
        for (String key : data.keySet()) {
            assertFalse(key.matches(".*(PASSWORD|TOKEN|SECRET|REDIS_URL).*"), () -> key + " belongs in a Secret");
        }
    }

    // --- Connections ---------------------------------------------------------------------------------------------

    @Test
    void poolsAtTheAutoscalersMaximumStayInsideTheDocumentedConnectionBudget() {
        Matcher documented = Pattern.compile("PostgreSQL connection budget: (\\d+)")
                .matcher(DeployFiles.read(ROOT.resolve("docs/operations.md")));
        assertTrue(documented.find(), "docs/operations.md states the budget");
        int budget = Integer.parseInt(documented.group(1));
        int total = 1; // the migrate Job: Flyway holds one connection
        List<String> parts = new ArrayList<>();
        for (Doc deployment : objects("Deployment")) {
            Map<String, Object> container = container(deployment.name());
            if (DeployFiles.env(container, "DATABASE_PASSWORD").isEmpty()) {
                continue; // no database
            }
            int pool = Integer.parseInt(String.valueOf(DeployFiles.env(container, "DATABASE_POOL_SIZE")
                    .orElseThrow(() -> new AssertionError(
                            deployment.name() + " must set DATABASE_POOL_SIZE: the budget counts it"))
                    .get("value")));
            int surge = (Integer) map(map(deployment.spec().get("strategy")).get("rollingUpdate"))
                    .get("maxSurge");
            int pods = maxReplicas(deployment.name()) + surge;
            total += pool * pods;
            parts.add(deployment.name() + " " + pool + "×" + pods);
        }
        int sum = total;
        assertTrue(sum <= budget, () -> parts + " + migrate 1 = " + sum + " connections, over the budget of " + budget);
    }

    /** The highest replica count any autoscaler (base, KEDA or the HPA fallback) may give the Deployment. */
    private static int maxReplicas(String deployment) {
        int max = 0;
        for (Doc a : objects("HorizontalPodAutoscaler")) {
            if (deployment.equals(map(a.spec().get("scaleTargetRef")).get("name"))) {
                max = Math.max(max, (Integer) a.spec().get("maxReplicas"));
            }
        }
        for (Doc a : objects("ScaledObject")) {
            if (deployment.equals(map(a.spec().get("scaleTargetRef")).get("name"))) {
                max = Math.max(max, (Integer) a.spec().get("maxReplicaCount"));
            }
        }
        assertTrue(max > 0, () -> "no autoscaler bounds " + deployment);
        return max;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** "pathType path" → backend Service of every path of an Ingress. */
    private static Map<String, String> routes(Doc ingress) {
        Map<String, String> routes = new TreeMap<>();
        for (Object rule : list(ingress.spec().get("rules"))) {
            for (Object p : list(map(map(rule).get("http")).get("paths"))) {
                Map<String, Object> path = map(p);
                routes.put(
                        path.get("pathType") + " " + path.get("path"),
                        String.valueOf(
                                map(map(path.get("backend")).get("service")).get("name")));
            }
        }
        return routes;
    }

    private static int timeout(Doc ingress) {
        Map<String, Object> annotations =
                map(map(ingress.body().get("metadata")).get("annotations"));
        return Integer.parseInt(String.valueOf(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")));
    }

    /** The files ingress-service serves from dashboard-ui/ (its pom leaves out test/ and package.json). */
    private static List<String> dashboardFiles() {
        try (Stream<Path> files = Files.list(ROOT.resolve("dashboard-ui"))) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(f -> !f.equals("package.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
