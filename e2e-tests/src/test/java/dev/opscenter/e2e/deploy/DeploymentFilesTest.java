package dev.opscenter.e2e.deploy;

import static dev.opscenter.e2e.deploy.DeployFiles.APP_SERVICES;
import static dev.opscenter.e2e.deploy.DeployFiles.ROOT;
import static dev.opscenter.e2e.deploy.DeployFiles.byName;
import static dev.opscenter.e2e.deploy.DeployFiles.container;
import static dev.opscenter.e2e.deploy.DeployFiles.list;
import static dev.opscenter.e2e.deploy.DeployFiles.map;
import static dev.opscenter.e2e.deploy.DeployFiles.objects;
import static dev.opscenter.e2e.deploy.DeployFiles.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.e2e.deploy.DeployFiles.Doc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads docker-compose.yml, the Jib settings and the workloads under deploy/ and checks the promises operations rely
 * on: immutable images, the runtime environment, probes on the health endpoints, restricted containers with bounded
 * resources, migrations off in the services, autoscaling that owns the replica count.
 */
class DeploymentFilesTest {
    /** Public ports: what the Ingress routes and compose publishes. The worker has none. */
    private static final Map<String, Integer> PORTS = Map.of("ingress-service", 8080, "realtime-service", 8081);
    /** Management ports: health, probes, metrics and the scrape; never routed from outside. */
    private static final Map<String, Integer> MANAGEMENT_PORTS =
            Map.of("ingress-service", 9080, "realtime-service", 9081, "worker-service", 9082);

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
    private static final Set<String> NOTIFY_SECRETS = Set.of("SMTP_PASSWORD", "TELEGRAM_BOT_TOKEN");
    private static final Set<String> NOTIFY_SETTINGS =
            Set.of("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "OPSCENTER_ALERT_EMAIL_TO", "TELEGRAM_CHAT_ID");
    /** A Docker image tag: what git describe prints, never latest. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    // --- images --------------------------------------------------------------------------------------------------

    @Test
    void jibBuildsFromABaseImagePinnedByDigest() {
        String pom = DeployFiles.read(ROOT.resolve("pom.xml"));
        Matcher base = Pattern.compile("<jib\\.base\\.image>([^<]+)</jib\\.base\\.image>")
                .matcher(pom);
        assertTrue(base.find(), "pom.xml names the base image in jib.base.image");
        assertTrue(
                base.group(1).matches("[a-z0-9./-]+(:[A-Za-z0-9_.-]+)?@sha256:[0-9a-f]{64}"),
                () -> "the base image floats: " + base.group(1));
        assertTrue(pom.contains("<image>${jib.base.image}</image>"), "Jib builds from jib.base.image");
    }

    @Test
    void jibTagsEachImageWithTheBuildsGitDescribeAndNeverLatest() {
        String pom = DeployFiles.read(ROOT.resolve("pom.xml"));
        assertTrue(pom.contains("<image>opscenter/${project.artifactId}:${git.commit.id.describe}</image>"));
        assertTrue(pom.contains("<artifactId>git-commit-id-maven-plugin</artifactId>"), "sets git.commit.id.describe");
        assertFalse(pom.contains("<tag>latest</tag>"), "a floating tag never rolls out");
    }

    @TestFactory
    Stream<DynamicTest> everyKustomizationPinsTheImagesToOneReleaseTag() {
        return Stream.of("base", "migrate")
                .map(dir -> dynamicTest(dir, () -> {
                    for (Object image : list(DeployFiles.kustomization(dir).get("images"))) {
                        String tag = String.valueOf(map(image).get("newTag"));
                        assertTrue(TAG.matcher(tag).matches() && !tag.equals("latest"), () -> dir + ": tag " + tag);
                        assertEquals(releaseTag(), tag, dir + " deploys another release than base");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyContainerTakesItsTagFromTheKustomizationAndPullsOnlyWhenAbsent() {
        return workloads()
                .map(w -> dynamicTest(w.toString(), () -> {
                    for (Object c : list(podSpec(w).get("containers"))) {
                        Map<String, Object> container = map(c);
                        String image = String.valueOf(container.get("image"));
                        // the tag (or digest) comes from the kustomization's images, in one place per release
                        assertTrue(image.matches("opscenter/[a-z-]+"), () -> "an image with its own tag: " + image);
                        // the tag is immutable: a new release is a new name, so IfNotPresent never keeps a stale image
                        assertEquals("IfNotPresent", container.get("imagePullPolicy"));
                    }
                }));
    }

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
    Stream<DynamicTest> composeRunsTheLoadedImageNeverPulledWithItsEnvironment() {
        Map<String, Object> services = map(compose().get("services"));
        return APP_SERVICES.stream()
                .map(name -> dynamicTest(name, () -> {
                    Map<String, Object> service = map(services.get(name));
                    assertTrue(
                            String.valueOf(service.get("image"))
                                    .startsWith("opscenter/" + name + ":${OPSCENTER_VERSION:?"),
                            () -> "the tag of the loaded build, required: " + service.get("image"));
                    assertEquals("never", service.get("pull_policy"), "never fetch someone else's opscenter/* image");
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

    @TestFactory
    Stream<DynamicTest> composeBoundsEveryContainersMemory() {
        Map<String, Object> services = map(compose().get("services"));
        return services.keySet().stream()
                .map(name -> dynamicTest(
                        name,
                        () -> assertTrue(
                                String.valueOf(map(services.get(name)).get("mem_limit"))
                                        .matches("\\d+[mg]"),
                                name + " has no memory limit")));
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
                    String test = String.valueOf(
                            map(map(services.get(name)).get("healthcheck")).get("test"));
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

    // --- workloads -----------------------------------------------------------------------------------------------

    @Test
    void deploysAllThreeServices() {
        assertEquals(Set.copyOf(APP_SERVICES), Set.copyOf(names(objects("Deployment"))));
    }

    @TestFactory
    Stream<DynamicTest> noDeploymentSetsReplicasItsAutoscalerOwns() {
        return objects("Deployment").stream()
                .map(d -> dynamicTest(
                        d.name(), () -> assertFalse(d.spec().containsKey("replicas"), "an apply resets the scale")));
    }

    @TestFactory
    Stream<DynamicTest> everyDeploymentProbesHealthOnItsManagementPort() {
        return objects("Deployment").stream()
                .map(deployment -> dynamicTest(deployment.name(), () -> {
                    Map<String, Object> pod = podSpec(deployment);
                    assertEquals(30, pod.get("terminationGracePeriodSeconds"));
                    Map<String, Object> container =
                            map(list(pod.get("containers")).get(0));
                    assertEquals("/health/liveness", probePath(container, "livenessProbe"));
                    assertEquals("/health/readiness", probePath(container, "readinessProbe"));
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertEquals(
                                "management",
                                map(map(container.get(probe)).get("httpGet")).get("port"),
                                probe);
                    }
                    assertEquals(MANAGEMENT_PORTS.get(deployment.name()), containerPort(container, "management"));
                    Map<String, Object> annotations =
                            map(map(map(deployment.spec().get("template")).get("metadata"))
                                    .get("annotations"));
                    assertEquals(
                            String.valueOf(MANAGEMENT_PORTS.get(deployment.name())),
                            annotations.get("prometheus.io/port"),
                            "scraped on the management port");
                    assertNotNull(map(map(container.get("lifecycle")).get("preStop")), "preStop lets endpoints drain");
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyContainerIsRestrictedAndBoundedWithMemoryRequestEqualToLimit() {
        return workloads()
                .map(w -> dynamicTest(w.toString(), () -> {
                    Map<String, Object> pod = podSpec(w);
                    Map<String, Object> podSecurity = map(pod.get("securityContext"));
                    assertEquals(Boolean.TRUE, podSecurity.get("runAsNonRoot"));
                    assertEquals(
                            "RuntimeDefault",
                            map(podSecurity.get("seccompProfile")).get("type"));
                    assertEquals(Boolean.FALSE, pod.get("automountServiceAccountToken"));
                    for (Object c : list(pod.get("containers"))) {
                        Map<String, Object> container = map(c);
                        Map<String, Object> security = map(container.get("securityContext"));
                        assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"));
                        assertEquals(Boolean.TRUE, security.get("readOnlyRootFilesystem"));
                        assertEquals(
                                List.of("ALL"),
                                map(security.get("capabilities")).get("drop"));
                        assertFalse(map(security.get("capabilities")).containsKey("add"));
                        Map<String, Object> resources = map(container.get("resources"));
                        Map<String, Object> requests = map(resources.get("requests"));
                        Map<String, Object> limits = map(resources.get("limits"));
                        for (String amount : List.of("cpu", "memory")) {
                            assertNotNull(requests.get(amount), "requests." + amount);
                            assertNotNull(limits.get(amount), "limits." + amount);
                        }
                        // the heap is sized from the limit: a request below it promises memory the node may not have
                        assertEquals(limits.get("memory"), requests.get("memory"), "memory request = limit");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyDeploymentSpreadsOverZonesAndNodes() {
        return objects("Deployment").stream()
                .map(d -> dynamicTest(d.name(), () -> {
                    List<String> keys = list(podSpec(d).get("topologySpreadConstraints")).stream()
                            .map(c -> String.valueOf(map(c).get("topologyKey")))
                            .toList();
                    assertEquals(List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), keys);
                }));
    }

    @Test
    void everyDeploymentHasABudgetOfOnePodAtATime() {
        List<Doc> budgets = objects("PodDisruptionBudget");
        assertEquals(Set.copyOf(names(objects("Deployment"))), Set.copyOf(names(budgets)));
        for (Doc budget : budgets) {
            assertEquals(1, budget.spec().get("maxUnavailable"), budget.name());
            assertEquals(
                    Map.of("app.kubernetes.io/name", budget.name()),
                    map(budget.spec().get("selector")).get("matchLabels"));
        }
    }

    @Test
    void theServicesStartWithMigrationsOffAndTheJobRunsThemAsTheDdlUser() {
        for (String service : List.of("ingress-service", "worker-service")) {
            assertEquals(
                    "false",
                    DeployFiles.env(container(service), "OPSCENTER_MIGRATE")
                            .orElseThrow()
                            .get("value"),
                    service);
        }
        Doc job = byName(objects("Job"), "opscenter-migrate");
        Map<String, Object> migrate = map(list(podSpec(job).get("containers")).get(0));
        assertEquals("opscenter/ingress-service", migrate.get("image"), "the release's own image holds the migrations");
        assertEquals(
                List.of("java", "-cp", "@/app/jib-classpath-file", "dev.opscenter.ingress.migrate.Migrate"),
                migrate.get("command"));
        for (String variable : List.of("DATABASE_USER", "DATABASE_PASSWORD")) {
            Map<String, Object> ref =
                    map(map(DeployFiles.env(migrate, variable).orElseThrow().get("valueFrom"))
                            .get("secretKeyRef"));
            assertEquals("opscenter-migrate", ref.get("name"), variable + " is the DDL user's");
        }
        assertEquals("Never", podSpec(job).get("restartPolicy"));
    }

    @Test
    void theServicesLogJson() {
        assertEquals(
                "json",
                map(byName(objects("ConfigMap"), "opscenter-config").body().get("data"))
                        .get("LOG_FORMAT"));
    }

    @TestFactory
    Stream<DynamicTest> ingressAndRealtimeHaveAServiceThatRoutesToThem() {
        return PORTS.keySet().stream()
                .sorted()
                .map(name -> dynamicTest(name, () -> {
                    Doc deployment = byName(objects("Deployment"), name);
                    Map<String, Object> podLabels =
                            map(map(map(deployment.spec().get("template")).get("metadata"))
                                    .get("labels"));
                    Doc service = byName(objects("Service"), name);
                    Map<String, Object> selector = map(service.spec().get("selector"));
                    assertFalse(selector.isEmpty());
                    assertTrue(
                            podLabels.entrySet().containsAll(selector.entrySet()),
                            "selector " + selector + " misses pods");
                    Map<String, Object> port =
                            map(list(service.spec().get("ports")).get(0));
                    assertEquals("http", port.get("targetPort"));
                    assertEquals(PORTS.get(name), containerPort(container(name), "http"));
                }));
    }

    // --- autoscaling ---------------------------------------------------------------------------------------------

    @Test
    void ingressScalesOnCpuAndTheConsumersScaleInEitherComponent() {
        assertEquals(Set.of("ingress-service"), scaled(objects("HorizontalPodAutoscaler"), "base"));
        Set<String> consumers = Set.of("worker-service", "realtime-service");
        assertEquals(consumers, scaled(objects("ScaledObject"), "components/keda"), "KEDA");
        assertEquals(consumers, scaled(objects("HorizontalPodAutoscaler"), "components/hpa"), "the fallback");
    }

    @Test
    void theWorkerScalesOnTheLagOfEachConsumerGroupItReads() {
        String prefix = String.valueOf(
                map(byName(objects("ConfigMap"), "opscenter-config").body().get("data"))
                        .get("OPSCENTER_REDIS_PREFIX"));
        RedisKeys keys = new RedisKeys(prefix);
        Set<List<String>> expected = Set.of(
                List.of(keys.events(), RedisKeys.WORKERS_GROUP),
                List.of(keys.notifications(), RedisKeys.NOTIFIERS_GROUP),
                List.of(keys.deliveries(), RedisKeys.RELAYS_GROUP));
        Set<List<String>> triggers = new HashSet<>();
        for (Object t :
                list(byName(objects("ScaledObject"), "worker-service").spec().get("triggers"))) {
            if ("redis-streams".equals(map(t).get("type"))) {
                Map<String, Object> metadata = map(map(t).get("metadata"));
                assertNotNull(metadata.get("lagCount"), "scales on lag");
                assertEquals(
                        "opscenter-keda-redis",
                        map(map(t).get("authenticationRef")).get("name"));
                triggers.add(
                        List.of(String.valueOf(metadata.get("stream")), String.valueOf(metadata.get("consumerGroup"))));
            }
        }
        assertEquals(expected, triggers);
    }

    @Test
    void realtimeScalesOnItsSessionsGauge() {
        Map<String, Object> trigger =
                list(byName(objects("ScaledObject"), "realtime-service").spec().get("triggers")).stream()
                        .map(DeployFiles::map)
                        .filter(t -> "prometheus".equals(t.get("type")))
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                PromQl.metricNames(String.valueOf(map(trigger.get("metadata")).get("query")))
                        .contains("opscenter_realtime_sessions"));
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** The Deployments and the Job. */
    private static Stream<Doc> workloads() {
        return Stream.concat(objects("Deployment").stream(), objects("Job").stream());
    }

    private static String releaseTag() {
        return String.valueOf(
                map(list(DeployFiles.kustomization("base").get("images")).get(0))
                        .get("newTag"));
    }

    /** The Deployments the autoscalers found in one directory under deploy/ target. */
    private static Set<String> scaled(List<Doc> autoscalers, String dir) {
        Set<String> targets = new HashSet<>();
        for (Doc a : autoscalers) {
            if (a.file().startsWith(DeployFiles.DEPLOY.resolve(dir))) {
                targets.add(String.valueOf(map(a.spec().get("scaleTargetRef")).get("name")));
            }
        }
        return targets;
    }

    private static Map<String, Object> compose() {
        return DeployFiles.load(ROOT.resolve("docker-compose.yml")).get(0);
    }

    private static Object containerPort(Map<String, Object> container, String portName) {
        return list(container.get("ports")).stream()
                .map(DeployFiles::map)
                .filter(port -> portName.equals(port.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no port " + portName + " in " + container.get("name")))
                .get("containerPort");
    }

    private static String probePath(Map<String, Object> container, String probe) {
        return String.valueOf(map(map(container.get(probe)).get("httpGet")).get("path"));
    }

    private static List<String> names(List<Doc> docs) {
        return docs.stream().map(Doc::name).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }
}
