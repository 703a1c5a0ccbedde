package dev.opscenter.common.notify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders {{var}} templates against a context of nested maps/lists.
 *
 * <p>Everything between <code>{{</code> and the next <code>}}</code> is a variable path ({@link ContextPath};
 * spaces around it are ignored); a path that does not start at one of the context's roots is read under the payload
 * ({@code {{order_id}}} is {@code {{payload.order_id}}}, see {@link ContextPath#resolveVariable}): strings render as they are, integral numbers without ".0", booleans as
 * true/false, maps and lists as compact JSON. A variable that resolves to nothing (or is not a valid path)
 * renders empty and is listed in {@link Rendered#missing()} as written. There is no raw mode: in {@code {{{x}}}} the outer
 * braces are plain text around {@code {{x}}}. A <code>{{</code> without a closing <code>}}</code> is plain text.
 * Substituted values are never rendered again, so a value containing {@code {{x}}} stays as written. One pass
 * over the template, linear in its length. With a length limit, rendering stops once the output passes it (a value
 * repeated a thousand times is never built in full) and the text ends in {@value #TRUNCATED}.
 */
public final class TemplateRenderer {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    /** Ends a text cut at its length limit. */
    public static final String TRUNCATED = "… [truncated]";

    /** How substituted values are escaped; the template's own text is never escaped. */
    public enum Escape {
        /** Values as they are: plain text, Slack, Telegram, SMS. */
        NONE {
            @Override
            void append(String value, StringBuilder out, int limit) {
                out.append(value, 0, Math.min(value.length(), Math.max(0, limit - out.length())));
            }
        },
        /** {@code & < > " '} escaped: HTML email bodies. */
        HTML {
            @Override
            void append(String value, StringBuilder out, int limit) {
                for (int i = 0; i < value.length() && out.length() < limit; i++) {
                    char c = value.charAt(i);
                    switch (c) {
                        case '&' -> out.append("&amp;");
                        case '<' -> out.append("&lt;");
                        case '>' -> out.append("&gt;");
                        case '"' -> out.append("&quot;");
                        case '\'' -> out.append("&#39;");
                        default -> out.append(c);
                    }
                }
            }
        };

        /** Appends the escaped value, stopping once out is at least limit characters long. */
        abstract void append(String value, StringBuilder out, int limit);
    }

    private TemplateRenderer() {}

    /** The template with every {@code {{path}}} replaced from the context; a null template renders as "". */
    public static Rendered render(String template, Map<String, Object> context, Escape escape) {
        return render(template, context, escape, Integer.MAX_VALUE);
    }

    /**
     * As {@link #render(String, Map, Escape)}, at most maxChars long: a longer text is cut and ends in
     * {@value #TRUNCATED}.
     */
    public static Rendered render(String template, Map<String, Object> context, Escape escape, int maxChars) {
        Objects.requireNonNull(escape, "escape");
        if (template == null) {
            return new Rendered("", List.of());
        }
        // one character past the limit is enough to know the text must be cut
        int limit = maxChars == Integer.MAX_VALUE ? maxChars : maxChars + 1;
        StringBuilder out = new StringBuilder(Math.min(template.length(), limit) + 64);
        Set<String> missing = new LinkedHashSet<>();
        int done = 0;
        while (out.length() < limit) {
            int open = template.indexOf(OPEN, done);
            if (open < 0) {
                break;
            }
            // in a run of braces the tag opens at the last pair: "{{{x}}}" is "{" + {{x}} + "}"
            while (open + 2 < template.length() && template.charAt(open + 2) == '{') {
                open++;
            }
            int close = template.indexOf(CLOSE, open + 2);
            if (close < 0) {
                break;
            }
            out.append(template, done, until(done, open, out, limit));
            if (out.length() >= limit) {
                break;
            }
            String path = template.substring(open + 2, close).trim();
            Object value = ContextPath.resolveVariable(context, path).orElse(null);
            if (value == null) {
                missing.add(path);
            } else {
                escape.append(Values.text(value), out, limit);
            }
            done = close + 2;
        }
        if (out.length() < limit) {
            out.append(template, done, until(done, template.length(), out, limit));
        }
        return new Rendered(truncated(out, maxChars), List.copyOf(missing));
    }

    /** Where copying template text from done towards end stops so that out grows to at most limit. */
    private static int until(int done, int end, StringBuilder out, int limit) {
        return (int) Math.min(end, (long) done + Math.max(0, limit - out.length()));
    }

    /** The text when it is at most maxChars long; otherwise cut so that, ending in {@value #TRUNCATED}, it is. */
    public static String truncated(CharSequence text, int maxChars) {
        if (text.length() <= maxChars) {
            return text.toString();
        }
        int end = Math.max(0, maxChars - TRUNCATED.length());
        // never cut a surrogate pair in half: the text must stay valid UTF-16
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.subSequence(0, end) + TRUNCATED;
    }
}
