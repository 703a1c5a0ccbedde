package dev.opscenter.worker.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Metadata collects an alert's facts in order, leaving out absent ones so stored metadata never holds nulls. */
final class Metadata {

    private final Map<String, Object> values = new LinkedHashMap<>();

    Metadata put(String key, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return this;
        }
        values.put(key, value);
        return this;
    }

    Metadata putAll(Metadata other) {
        values.putAll(other.values);
        return this;
    }

    Map<String, Object> toMap() {
        return values;
    }
}
