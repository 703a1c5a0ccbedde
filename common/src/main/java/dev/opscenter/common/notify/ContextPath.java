package dev.opscenter.common.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ContextPath resolves dotted paths such as {@code payload.items.0.sku} in a notification context.
 *
 * <p>The context templates and conditions see is a map of three entries:
 * <ul>
 *   <li>{@code alert}: the alert the event produced ({@code id, title, message, severity, source, sourceName,
 *       eventType, metadata, createdAt, …}); absent when the event produced none;</li>
 *   <li>{@code event}: the stored event ({@code id, type, source, deliveryId, receivedAt, …});</li>
 *   <li>{@code payload}: the event's JSON body as maps, lists, String, Number, Boolean and null.</li>
 * </ul>
 *
 * <p>Syntax: segments separated by dots; a segment of digits indexes a list ({@code items.0}); a key that contains
 * dots, spaces or brackets is written {@code ["a.b"]} ({@code payload["a.b"].c}; no escapes inside). A path that
 * is malformed, leaves the structure, or ends on JSON null resolves to nothing.
 *
 * <p>Template variables may also leave out {@code payload.}: see {@link #resolveVariable(Map, String)}.
 */
public final class ContextPath {
    /** The roots every context may hold; {@code alert} is one even where an event raised no alert. */
    static final Set<String> ROOTS = Set.of("alert", "event", "payload");

    private static final String PAYLOAD = "payload";

    private ContextPath() {}

    /** The value at the path, or empty when nothing (or null) is there. */
    public static Optional<Object> resolve(Map<String, Object> context, String dottedPath) {
        return parse(dottedPath).flatMap(segments -> resolveParsed(context, segments));
    }

    /**
     * The value of a template variable: a path whose first segment is one of the {@link #ROOTS} or another key of
     * the context is resolved as written; any other path is read under {@code payload}, so {@code order_id} is
     * {@code payload.order_id} (the original design's bare variables). A root always wins: {@code event} is the
     * stored event even when the payload has an {@code event} field ({@code payload.event} reaches that).
     */
    public static Optional<Object> resolveVariable(Map<String, Object> context, String dottedPath) {
        return parse(dottedPath).flatMap(segments -> resolveParsed(context, underRoot(context, segments)));
    }

    /** The segments as written when they start at a root of the context, else the same path under payload. */
    static List<String> underRoot(Map<String, Object> context, List<String> segments) {
        String first = segments.get(0);
        if (ROOTS.contains(first) || (context != null && context.containsKey(first))) {
            return segments;
        }
        List<String> underPayload = new ArrayList<>(segments.size() + 1);
        underPayload.add(PAYLOAD);
        underPayload.addAll(segments);
        return underPayload;
    }

    /** The value at already parsed segments, so a condition parses its path once. */
    static Optional<Object> resolveParsed(Map<String, Object> context, List<String> segments) {
        if (context == null) {
            return Optional.empty();
        }
        Object current = context;
        for (String segment : segments) {
            if (current instanceof Map<?, ?> map && map.containsKey(segment)) {
                current = map.get(segment);
            } else if (current instanceof List<?> list && isIndex(segment, list.size())) {
                current = list.get(Integer.parseInt(segment));
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(current);
    }

    /** The path's segments, or empty when the path is malformed. */
    static Optional<List<String>> parse(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            int end;
            if (path.charAt(i) == '[') {
                int close = path.indexOf("\"]", i + 2);
                if (i + 1 >= n || path.charAt(i + 1) != '"' || close < 0) {
                    return Optional.empty();
                }
                segments.add(path.substring(i + 2, close));
                end = close + 2;
            } else {
                end = i;
                while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    char c = path.charAt(end);
                    if (Character.isWhitespace(c) || c == '"' || c == ']') {
                        return Optional.empty();
                    }
                    end++;
                }
                if (end == i) {
                    return Optional.empty();
                }
                segments.add(path.substring(i, end));
            }
            i = end;
            if (i < n && path.charAt(i) == '.') {
                i++;
                if (i == n) {
                    return Optional.empty();
                }
            } else if (i < n && path.charAt(i) != '[') {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(segments));
    }

    private static boolean isIndex(String segment, int size) {
        // at most 9 digits so parseInt cannot overflow; no sign, so "-1" never counts from the end
        if (segment.isEmpty() || segment.length() > 9) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(segment) < size;
    }
}
