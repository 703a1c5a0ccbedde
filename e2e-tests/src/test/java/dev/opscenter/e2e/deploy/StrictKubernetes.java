package dev.opscenter.e2e.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * StrictKubernetes reads an object of a built-in kind into the Kubernetes API's model class for its apiVersion and
 * kind (fabric8 kubernetes-model) and reports every field the API does not define: the model keeps those aside instead
 * of failing, so the check walks the whole object for them. A wrong type (a string for a number) fails the read.
 */
final class StrictKubernetes {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The model class of every built-in apiVersion and kind the manifests use. */
    private static final Map<String, Class<? extends KubernetesResource>> MODELS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    private StrictKubernetes() {}

    /** Whether the apiVersion and kind are built into Kubernetes (as opposed to a CRD's). */
    static boolean builtIn(String apiVersion) {
        return !apiVersion.contains(".") || apiVersion.contains(".k8s.io/");
    }

    /** The model read from the object, or an error naming the first problem. */
    static Optional<String> problem(String apiVersion, String kind, Map<String, Object> body) {
        Class<? extends KubernetesResource> model = MODELS.get(apiVersion + "/" + kind);
        if (model == null) {
            return Optional.of("no Kubernetes API " + apiVersion + " " + kind + " (known: " + MODELS.keySet() + ")");
        }
        Object parsed;
        try {
            parsed = JSON.convertValue(body, model);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a valid " + kind + ": " + e.getMessage());
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(parsed, kind, unknown);
        return unknown.isEmpty() ? Optional.empty() : Optional.of("fields the API does not define: " + unknown);
    }

    /** Adds the path of every field the model kept aside as unknown, anywhere under {@code value}. */
    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isProperty(getter)) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                collectUnknown(field, path + "." + propertyName(getter), unknown);
            }
        }
    }

    private static boolean isProperty(Method method) {
        return method.getName().startsWith("get")
                && method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers())
                && method.getDeclaringClass().getName().startsWith("io.fabric8.kubernetes.api.model");
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
