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
 * (RE2 regular expression, at most 500 characters, found anywhere in the actual as text; linear time, and the text
 * all {@code matches} conditions of one event scan together is bounded by a {@link RegexBudget}: past it a
 * condition reads as no match). {@code all} of nothing is true,
 * {@code any} of nothing is false. Paths follow {@link ContextPath}; a missing path reads as null.
 */
public final class Conditions {
    private Conditions() {}

    /**
     * Whether the context satisfies the conditions; null or empty conditions always match. Conditions that fail
     * {@link #validate} never match, and no context makes this throw.
     */
    public static boolean matches(Map<String, Object> conditions, Map<String, Object> context, RegexBudget budget) {
        if (conditions == null || conditions.isEmpty()) {
            return true;
        }
        // the leaf count is checked when a rule is saved; a stored rule is never refused for it later
        return ConditionTree.parse(conditions, Integer.MAX_VALUE).matches(context, budget);
    }

    /** {@link #matches(Map, Map, RegexBudget)} with a default budget of its own: for one rule evaluated alone. */
    public static boolean matches(Map<String, Object> conditions, Map<String, Object> context) {
        return matches(conditions, context, NotifyLimits.DEFAULTS.newRegexBudget());
    }

    /**
     * What is wrong with the conditions, each as {@code "/all/0/op: unknown operator …"}; empty when valid. More than
     * maxLeaves conditions is an error.
     */
    public static List<String> validate(Map<String, Object> conditions, int maxLeaves) {
        if (conditions == null || conditions.isEmpty()) {
            return List.of();
        }
        return ConditionTree.parse(conditions, maxLeaves).errors();
    }

    /** {@link #validate(Map, int)} with the default leaf limit. */
    public static List<String> validate(Map<String, Object> conditions) {
        return validate(conditions, NotifyLimits.DEFAULTS.maxConditionLeaves());
    }
}
