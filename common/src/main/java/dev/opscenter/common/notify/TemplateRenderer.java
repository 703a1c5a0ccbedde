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
 * spaces around it are ignored): strings render as they are, integral numbers without ".0", booleans as
 * true/false, maps and lists as compact JSON. A variable that resolves to nothing (or is not a valid path)
 * renders empty and is listed in {@link Rendered#missing()}. There is no raw mode: in {@code {{{x}}}} the outer
 * braces are plain text around {@code {{x}}}. A <code>{{</code> without a closing <code>}}</code> is plain text.
 * Substituted values are never rendered again, so a value containing {@code {{x}}} stays as written. One pass
 * over the template, linear in its length.
 */
public final class TemplateRenderer {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    /** How substituted values are escaped; the template's own text is never escaped. */
    public enum Escape {
        /** Values as they are: plain text, Slack, Telegram, SMS. */
        NONE {
            @Override
            void append(String value, StringBuilder out) {
                out.append(value);
            }
        },
        /** {@code & < > " '} escaped: HTML email bodies. */
        HTML {
            @Override
            void append(String value, StringBuilder out) {
                for (int i = 0; i < value.length(); i++) {
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

        abstract void append(String value, StringBuilder out);
    }

    private TemplateRenderer() {
    }

    /** The template with every {@code {{path}}} replaced from the context; a null template renders as "". */
    public static Rendered render(String template, Map<String, Object> context, Escape escape) {
        Objects.requireNonNull(escape, "escape");
        if (template == null) {
            return new Rendered("", List.of());
        }
        StringBuilder out = new StringBuilder(template.length() + 64);
        Set<String> missing = new LinkedHashSet<>();
        int done = 0;
        while (true) {
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
            out.append(template, done, open);
            String path = template.substring(open + 2, close).trim();
            Object value = ContextPath.resolve(context, path).orElse(null);
            if (value == null) {
                missing.add(path);
            } else {
                escape.append(Values.text(value), out);
            }
            done = close + 2;
        }
        out.append(template, done, template.length());
        return new Rendered(out.toString(), List.copyOf(missing));
    }
}
