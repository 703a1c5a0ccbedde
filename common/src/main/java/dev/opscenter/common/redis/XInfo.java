package dev.opscenter.common.redis;

import java.util.List;

/**
 * XInfo reads the answers of XINFO STREAM, GROUPS and CONSUMERS, which Lettuce returns as flat lists of alternating
 * field names and values (one list per group or consumer).
 */
public final class XInfo {
    private XInfo() {}

    /** The value of a field, null when the answer has no such field. */
    public static Object field(List<?> fields, String name) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (name.equals(String.valueOf(fields.get(i)))) {
                return fields.get(i + 1);
            }
        }
        return null;
    }

    /** A numeric field as a long; 0 when absent or not a number. */
    public static long number(List<?> fields, String name) {
        return field(fields, name) instanceof Number n ? n.longValue() : 0;
    }

    /** The fields of the named group in an XINFO GROUPS answer; null when the stream has no such group. */
    public static List<?> group(List<Object> groups, String name) {
        for (Object info : groups) {
            List<?> fields = (List<?>) info;
            if (name.equals(String.valueOf(field(fields, "name")))) {
                return fields;
            }
        }
        return null;
    }
}
