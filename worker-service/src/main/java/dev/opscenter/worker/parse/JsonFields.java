package dev.opscenter.worker.parse;

import io.micronaut.json.tree.JsonNode;

/**
 * JsonFields reads optional fields from provider payloads. Every lookup tolerates missing, null and mistyped
 * values, because providers add, drop and retype fields between API versions and a parser must not throw on them.
 */
final class JsonFields {

    private JsonFields() {}

    /** The node at the path of object keys, or null when any step is missing or not an object. */
    static JsonNode node(JsonNode root, String... path) {
        JsonNode current = root;
        for (String key : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(key);
        }
        return current == null || current.isNull() ? null : current;
    }

    /** The value at the path as text (numbers and booleans included), or null when absent or blank. */
    static String text(JsonNode root, String... path) {
        JsonNode value = node(root, path);
        if (value == null || value.isContainerNode()) {
            return null;
        }
        String text = value.isString() ? value.getStringValue() : value.coerceStringValue();
        return text == null || text.isBlank() ? null : text;
    }

    /** The first non-blank text among the given single-key fields of the node. */
    static String firstText(JsonNode root, String... keys) {
        for (String key : keys) {
            String value = text(root, key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The whole-number value at the path, or null when absent or not a number. */
    static Long number(JsonNode root, String... path) {
        JsonNode value = node(root, path);
        if (value == null || !value.isNumber()) {
            return null;
        }
        return value.getLongValue();
    }

    /** True only when the value at the path is the JSON literal true. */
    static boolean flag(JsonNode root, String... path) {
        JsonNode value = node(root, path);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }

    /** The element at the index of the array at the path, or null. */
    static JsonNode element(JsonNode root, int index, String... path) {
        JsonNode array = node(root, path);
        if (array == null || !array.isArray() || index >= array.size()) {
            return null;
        }
        JsonNode value = array.get(index);
        return value == null || value.isNull() ? null : value;
    }

    /** The size of the array at the path, or 0. */
    static int size(JsonNode root, String... path) {
        JsonNode array = node(root, path);
        return array != null && array.isArray() ? array.size() : 0;
    }
}
