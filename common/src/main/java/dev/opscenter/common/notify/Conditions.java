package dev.opscenter.common.notify;

import java.util.List;
import java.util.Map;

/**
 * Conditions evaluates a rule's conditions: {@code {"all": […]}} or {@code {"any": […]}}, nestable up to 10 levels,
 * of leaves {@code {"path": "payload.amount", "op": "gte", "value": 1000}}; a single leaf alone works too.
 *
 * <p>Operators: {@code eq, ne} (numbers by value, strings exactly, booleans, null); {@code gt, gte, lt, lte} (two
 * numbers, numeric strings included, or two ISO-8601 timestamps with offset; anything else is false); {@code in}
 * (value is a list holding the actual, eq semantics); {@code contains} (substring of a string, or element of a
 * list); {@code exists} (value true, the default: resolves to non-null; false: the opposite); {@code matches}
 * (Java regex, at most 500 characters, found anywhere in the actual as text). {@code all} of nothing is true,
 * {@code any} of nothing is false. Paths follow {@link ContextPath}; a missing path reads as null.
 */
public final class Conditions {
    private Conditions() {
    }

    /**
     * Whether the context satisfies the conditions; null or empty conditions always match. Conditions that fail
     * {@link #validate} never match, and no context makes this throw.
     */
    public static boolean matches(Map<String, Object> conditions, Map<String, Object> context) {
        if (conditions == null || conditions.isEmpty()) {
            return true;
        }
        return ConditionTree.parse(conditions).matches(context);
    }

    /** What is wrong with the conditions, each as {@code "/all/0/op: unknown operator …"}; empty when valid. */
    public static List<String> validate(Map<String, Object> conditions) {
        if (conditions == null || conditions.isEmpty()) {
            return List.of();
        }
        return ConditionTree.parse(conditions).errors();
    }
}
