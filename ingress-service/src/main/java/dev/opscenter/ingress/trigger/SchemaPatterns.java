package dev.opscenter.ingress.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SchemaPatterns finds every regular expression a schema holds ({@code pattern} values, {@code patternProperties}
 * names) and says which ones a schema may not use: those RE2 cannot compile, and nested quantifiers such as
 * {@code (a+)+}, the classic catastrophic shape (harmless to RE2, refused so the schema stays safe anywhere else).
 */
final class SchemaPatterns {
    /** Keywords whose contents are instance data, not schema: a "pattern" key there is just data. */
    private static final Set<String> DATA_KEYWORDS = Set.of("const", "enum", "examples", "default");

    private SchemaPatterns() {}

    /** One objection: where in the schema (JSON Pointer) and why, in words that never quote the engine's internals. */
    record Problem(String at, String message) {}

    static List<Problem> problems(JsonNode schema) {
        List<Problem> out = new ArrayList<>();
        walk(schema, "", out);
        return out;
    }

    private static void walk(JsonNode node, String at, List<Problem> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String here = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
            JsonNode value = field.getValue();
            if (DATA_KEYWORDS.contains(field.getKey())) {
                continue;
            }
            if (field.getKey().equals("pattern") && value.isTextual()) {
                check(value.asText(), here, out);
            } else if (field.getKey().equals("patternProperties") && value.isObject()) {
                value.fieldNames()
                        .forEachRemaining(name ->
                                check(name, here + "/" + name.replace("~", "~0").replace("/", "~1"), out));
            }
            walk(value, here, out);
        }
    }

    private static void check(String regex, String at, List<Problem> out) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            out.add(new Problem(
                    at,
                    "is not a regular expression this service accepts (RE2 syntax: no lookaround or backreferences)"));
            return;
        }
        if (hasNestedQuantifier(regex)) {
            out.add(new Problem(
                    at, "repeats a group that itself repeats, like (a+)+; write it without nesting quantifiers"));
        }
    }

    /** Whether a group that contains *, + or {…} is itself followed by *, + or {…}. */
    static boolean hasNestedQuantifier(String regex) {
        Deque<Boolean> groups = new ArrayDeque<>(); // per open group: does it contain a repetition?
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++; // the escaped character is an atom
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++; // a ']' first in a class is a literal
                }
            } else if (c == '(') {
                groups.push(false);
            } else if (c == ')' && !groups.isEmpty()) {
                boolean repeatsInside = groups.pop();
                boolean repeated = i + 1 < regex.length() && isRepetition(regex, i + 1);
                if (repeatsInside && repeated) {
                    return true;
                }
                if ((repeatsInside || repeated) && !groups.isEmpty()) {
                    groups.pop();
                    groups.push(true);
                }
            } else if (isRepetition(regex, i) && !groups.isEmpty()) {
                groups.pop();
                groups.push(true);
            }
        }
        return false;
    }

    /** *, + or an open-ended or ranged counter ({n,} or {n,m}) starting at i (a literal '{' is not one). */
    private static boolean isRepetition(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '*' || c == '+') {
            return true;
        }
        if (c != '{') {
            return false;
        }
        int close = regex.indexOf('}', i);
        // {n} repeats a fixed number of times and {0,1} is "?": neither can backtrack without end
        return close > i + 1
                && regex.substring(i + 1, close).matches("\\d+,\\d*")
                && !regex.substring(i + 1, close).matches("[01],[01]");
    }
}
