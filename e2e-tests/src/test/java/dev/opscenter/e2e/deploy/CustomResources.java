package dev.opscenter.e2e.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CustomResources checks the objects of the CRDs the manifests use (KEDA, the Prometheus Operator) against the fields
 * their schemas define and require: unknown fields, missing required ones, and each KEDA trigger's metadata for its
 * type. Written from the CRDs' reference documentation; only the fields those schemas define are allowed.
 */
final class CustomResources {
    /** Allowed and required keys of one mapping, and the shape of the mappings (or list items) under some keys. */
    record Shape(Set<String> allowed, Set<String> required, Map<String, Shape> children) {
        static Shape of(Set<String> allowed, Set<String> required) {
            return new Shape(allowed, required, Map.of());
        }

        Shape with(Map<String, Shape> children) {
            return new Shape(allowed, required, children);
        }
    }

    private static final Shape SCALED_OBJECT = Shape.of(
                    Set.of(
                            "scaleTargetRef",
                            "pollingInterval",
                            "cooldownPeriod",
                            "initialCooldownPeriod",
                            "idleReplicaCount",
                            "minReplicaCount",
                            "maxReplicaCount",
                            "fallback",
                            "advanced",
                            "triggers"),
                    Set.of("scaleTargetRef", "triggers"))
            .with(Map.of(
                    "scaleTargetRef",
                    Shape.of(Set.of("apiVersion", "kind", "name", "envSourceContainerName"), Set.of("name")),
                    "fallback",
                    Shape.of(
                            Set.of("failureThreshold", "replicas", "behavior"), Set.of("failureThreshold", "replicas")),
                    "advanced",
                    Shape.of(
                            Set.of(
                                    "horizontalPodAutoscalerConfig",
                                    "restoreToOriginalReplicaCount",
                                    "scalingModifiers"),
                            Set.of()),
                    "triggers",
                    Shape.of(
                                    Set.of(
                                            "type",
                                            "name",
                                            "metadata",
                                            "authenticationRef",
                                            "metricType",
                                            "useCachedMetrics"),
                                    Set.of("type", "metadata"))
                            .with(Map.of("authenticationRef", Shape.of(Set.of("name", "kind"), Set.of("name"))))));

    /** Each trigger type's metadata keys (KEDA scalers' reference) and the ones it needs. */
    private static final Map<String, Shape> TRIGGER_METADATA = Map.of(
            "redis-streams",
            Shape.of(
                    Set.of(
                            "address",
                            "addressFromEnv",
                            "host",
                            "hostFromEnv",
                            "port",
                            "portFromEnv",
                            "stream",
                            "consumerGroup",
                            "pendingEntriesCount",
                            "streamLength",
                            "lagCount",
                            "activationLagCount",
                            "databaseIndex",
                            "enableTLS",
                            "unsafeSsl",
                            "username",
                            "usernameFromEnv",
                            "passwordFromEnv"),
                    Set.of("stream", "consumerGroup")),
            "prometheus",
            Shape.of(
                    Set.of(
                            "serverAddress",
                            "query",
                            "threshold",
                            "activationThreshold",
                            "namespace",
                            "customHeaders",
                            "ignoreNullValues",
                            "queryParameters",
                            "unsafeSsl"),
                    Set.of("serverAddress", "query", "threshold")),
            "cpu",
            Shape.of(Set.of("value", "containerName"), Set.of("value")));

    private static final Shape TRIGGER_AUTHENTICATION = Shape.of(
                    Set.of(
                            "secretTargetRef",
                            "env",
                            "podIdentity",
                            "hashiCorpVault",
                            "azureKeyVault",
                            "gcpSecretManager"),
                    Set.of())
            .with(Map.of(
                    "secretTargetRef",
                    Shape.of(Set.of("parameter", "name", "key"), Set.of("parameter", "name", "key"))));

    private static final Shape POD_MONITOR = Shape.of(
                    Set.of(
                            "jobLabel",
                            "podTargetLabels",
                            "podMetricsEndpoints",
                            "selector",
                            "namespaceSelector",
                            "sampleLimit",
                            "targetLimit",
                            "labelLimit",
                            "attachMetadata"),
                    Set.of("selector", "podMetricsEndpoints"))
            .with(Map.of(
                    "podMetricsEndpoints",
                    Shape.of(
                            Set.of(
                                    "port",
                                    "portNumber",
                                    "targetPort",
                                    "path",
                                    "scheme",
                                    "params",
                                    "interval",
                                    "scrapeTimeout",
                                    "honorLabels",
                                    "honorTimestamps",
                                    "relabelings",
                                    "metricRelabelings",
                                    "enableHttp2",
                                    "filterRunning",
                                    "followRedirects"),
                            Set.of("port")),
                    "selector",
                    Shape.of(Set.of("matchLabels", "matchExpressions"), Set.of())));

    private static final Shape PROMETHEUS_RULE = Shape.of(Set.of("groups"), Set.of("groups"))
            .with(Map.of(
                    "groups",
                    Shape.of(
                                    Set.of("name", "interval", "rules", "limit", "partial_response_strategy"),
                                    Set.of("name", "rules"))
                            .with(Map.of(
                                    "rules",
                                    Shape.of(
                                            Set.of(
                                                    "alert",
                                                    "record",
                                                    "expr",
                                                    "for",
                                                    "keep_firing_for",
                                                    "labels",
                                                    "annotations"),
                                            Set.of("expr"))))));

    /** The spec shape of every custom resource kind the manifests may use, by apiVersion and kind. */
    private static final Map<String, Shape> SPECS = Map.of(
            "keda.sh/v1alpha1/ScaledObject", SCALED_OBJECT,
            "keda.sh/v1alpha1/TriggerAuthentication", TRIGGER_AUTHENTICATION,
            "monitoring.coreos.com/v1/PodMonitor", POD_MONITOR,
            "monitoring.coreos.com/v1/PrometheusRule", PROMETHEUS_RULE);

    private CustomResources() {}

    /** Whether an example's CRD (ExternalSecret) is outside what this checks. */
    static boolean known(String apiVersion, String kind) {
        return SPECS.containsKey(apiVersion + "/" + kind);
    }

    /** Every problem of the object's spec: unknown kind, unknown or missing fields, trigger metadata. */
    static List<String> problems(String apiVersion, String kind, Map<String, Object> body) {
        List<String> problems = new ArrayList<>();
        Shape shape = SPECS.get(apiVersion + "/" + kind);
        if (shape == null) {
            problems.add("no custom resource " + apiVersion + " " + kind + " is checked");
            return problems;
        }
        if (!(body.get("metadata") instanceof Map<?, ?> metadata) || metadata.get("name") == null) {
            problems.add("metadata.name is missing");
        }
        check(body.get("spec"), shape, "spec", problems);
        if (kind.equals("ScaledObject") && body.get("spec") instanceof Map<?, ?> spec) {
            checkTriggers(spec.get("triggers"), problems);
        }
        if (kind.equals("PrometheusRule") && body.get("spec") instanceof Map<?, ?> spec) {
            checkRules(spec.get("groups"), problems);
        }
        return problems;
    }

    private static void check(Object value, Shape shape, String path, List<String> problems) {
        if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                check(items.get(i), shape, path + "[" + i + "]", problems);
            }
            return;
        }
        if (!(value instanceof Map<?, ?> fields)) {
            problems.add(path + " is not a mapping: " + value);
            return;
        }
        for (Object key : fields.keySet()) {
            if (!shape.allowed().contains(String.valueOf(key))) {
                problems.add(path + "." + key + " is not a field of the schema");
            }
        }
        for (String required : shape.required()) {
            if (fields.get(required) == null) {
                problems.add(path + "." + required + " is required");
            }
        }
        shape.children().forEach((key, child) -> {
            if (fields.get(key) != null) {
                check(fields.get(key), child, path + "." + key, problems);
            }
        });
    }

    private static void checkTriggers(Object triggers, List<String> problems) {
        if (!(triggers instanceof List<?> list) || list.isEmpty()) {
            problems.add("spec.triggers must list at least one trigger");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> trigger)) {
                continue;
            }
            String type = String.valueOf(trigger.get("type"));
            Shape metadata = TRIGGER_METADATA.get(type);
            if (metadata == null) {
                problems.add("spec.triggers[" + i + "].type " + type + " is not a checked scaler");
                continue;
            }
            check(trigger.get("metadata"), metadata, "spec.triggers[" + i + "].metadata", problems);
            if (type.equals("cpu") && trigger.get("metricType") == null) {
                problems.add("spec.triggers[" + i + "].metricType is required for cpu");
            }
        }
    }

    private static void checkRules(Object groups, List<String> problems) {
        if (!(groups instanceof List<?> list)) {
            return;
        }
        for (Object group : list) {
            if (group instanceof Map<?, ?> g && g.get("rules") instanceof List<?> rules) {
                for (Object rule : rules) {
                    if (rule instanceof Map<?, ?> r && (r.get("alert") == null) == (r.get("record") == null)) {
                        problems.add("rule " + r.get("expr") + " needs exactly one of alert and record");
                    }
                }
            }
        }
    }
}
