package dev.opscenter.common.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ConditionTree is a rule's conditions checked and parsed into groups and leaves, or the reasons it cannot be. */
final class ConditionTree {
    static final int MAX_DEPTH = 10;
    private static final Set<String> LEAF_KEYS = Set.of("path", "op", "value");

    /** A node of the tree. */
    sealed interface Node permits Group, Leaf {}

    /** {@code {"all": […]}} when all is true, {@code {"any": […]}} otherwise. */
    record Group(boolean all, List<Node> children) implements Node {}

    /** {@code {"path", "op", "value"}}. */
    record Leaf(List<String> path, Operator op, Object value) implements Node {}

    private final List<String> errors = new ArrayList<>();
    private int leaves;
    private final Node root;

    private ConditionTree(Object conditions, int maxLeaves) {
        this.root = node(conditions, "", 0);
        if (leaves > maxLeaves) {
            error("", "has " + leaves + " conditions; a rule may have at most " + maxLeaves);
        }
    }

    /** The tree, with an error when it has more than maxLeaves conditions. */
    static ConditionTree parse(Map<String, Object> conditions, int maxLeaves) {
        return new ConditionTree(conditions, maxLeaves);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Whether the context satisfies the tree; false when the tree has errors. */
    boolean matches(Map<String, Object> context, RegexBudget budget) {
        return errors.isEmpty() && evaluate(root, context, budget);
    }

    private static boolean evaluate(Node node, Map<String, Object> context, RegexBudget budget) {
        return switch (node) {
            case Group group ->
                group.all()
                        ? group.children().stream().allMatch(child -> evaluate(child, context, budget))
                        : group.children().stream().anyMatch(child -> evaluate(child, context, budget));
            case Leaf leaf ->
                leaf.op().test(ContextPath.resolveParsed(context, leaf.path()).orElse(null), leaf.value(), budget);
        };
    }

    private Node node(Object raw, String at, int depth) {
        if (!(raw instanceof Map<?, ?> map)) {
            error(at, "must be an object");
            return null;
        }
        if (map.containsKey("all") || map.containsKey("any")) {
            return group(map, at, depth + 1);
        }
        if (map.containsKey("path") || map.containsKey("op")) {
            return leaf(map, at);
        }
        error(at, "must be a group {\"all\": […]} or {\"any\": […]}, or a condition {\"path\", \"op\", \"value\"}");
        return null;
    }

    private Node group(Map<?, ?> map, String at, int depth) {
        if (map.containsKey("all") && map.containsKey("any")) {
            error(at, "must have either \"all\" or \"any\", not both");
            return null;
        }
        String key = map.containsKey("all") ? "all" : "any";
        map.keySet().stream()
                .filter(k -> !key.equals(k))
                .forEach(k -> error(at + "/" + k, "unknown key in a group (a group has only \"" + key + "\")"));
        if (depth > MAX_DEPTH) {
            error(at, "groups nest deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        if (!(map.get(key) instanceof List<?> items)) {
            error(at + "/" + key, "must be a list of conditions");
            return null;
        }
        List<Node> children = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            children.add(node(items.get(i), at + "/" + key + "/" + i, depth));
        }
        return new Group(key.equals("all"), children);
    }

    private Node leaf(Map<?, ?> map, String at) {
        leaves++;
        map.keySet().stream()
                .filter(k -> !LEAF_KEYS.contains(k))
                .forEach(k -> error(at + "/" + k, "unknown key (a condition has \"path\", \"op\" and \"value\")"));
        Object rawPath = map.get("path");
        Optional<List<String>> path = rawPath instanceof String s ? ContextPath.parse(s) : Optional.empty();
        if (rawPath == null) {
            error(at + "/path", "required");
        } else if (path.isEmpty()) {
            error(at + "/path", "is not a path like payload.order.id, payload.items.0 or payload[\"a.b\"]");
        }
        Object rawOp = map.get("op");
        Optional<Operator> op = rawOp instanceof String s ? Operator.byId(s) : Optional.empty();
        if (rawOp == null) {
            error(at + "/op", "required (one of " + Operator.NAMES + ")");
        } else if (op.isEmpty()) {
            error(at + "/op", "unknown operator " + quoted(rawOp) + " (one of " + Operator.NAMES + ")");
        }
        Object value = map.get("value");
        String valueError =
                op.map(o -> o.checkValue(map.containsKey("value"), value)).orElse(null);
        if (valueError != null) {
            error(at + "/value", valueError);
        }
        if (path.isEmpty() || op.isEmpty() || valueError != null) {
            return null;
        }
        return new Leaf(path.get(), op.get(), value);
    }

    private void error(String at, String message) {
        errors.add((at.isEmpty() ? "/" : at) + ": " + message);
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
