package dev.opscenter.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * PrometheusText reads the Prometheus text exposition format (version 0.0.4) far enough to add up the samples of one
 * metric whose labels include a given set, e.g. {@code jvm_memory_used_bytes{area="heap"}} over every memory pool.
 */
final class PrometheusText {

    private PrometheusText() {}

    /** The sum of matching samples, or empty when no sample of that metric has those labels. */
    static OptionalDouble sum(String exposition, String metric, Map<String, String> labels) {
        return sum(samples(exposition, metric), s -> s.labels().entrySet().containsAll(labels.entrySet()));
    }

    /** The sum of the samples that match, or empty when none does. */
    static OptionalDouble sum(List<Sample> samples, Predicate<Sample> matching) {
        double total = 0;
        boolean found = false;
        for (Sample sample : samples) {
            if (matching.test(sample)) {
                total += sample.value();
                found = true;
            }
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    /** Every sample of one metric, in order; other metrics' lines are skipped unparsed. */
    static List<Sample> samples(String exposition, String metric) {
        List<Sample> out = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            String l = line.strip();
            // the name must end exactly there, so jvm_memory_used_bytes does not pick up jvm_memory_used_bytes_total
            if (l.startsWith(metric)
                    && l.length() > metric.length()
                    && (l.charAt(metric.length()) == '{' || Character.isWhitespace(l.charAt(metric.length())))) {
                out.add(parseLine(l));
            }
        }
        return out;
    }

    /** One sample line: name, labels, value (an optional timestamp after it is ignored). */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** The sample on this line; null for blank lines and comments ({@code # HELP}, {@code # TYPE}). */
    static Sample parseLine(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new HashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("no value in sample line: " + line);
        }
        return new Sample(name, labels, value(rest[0]));
    }

    /** Reads {@code k="v",…}} from start (just after the brace) into labels; returns the index after the closing brace. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++; // a trailing comma before the brace is allowed, and some exporters write one
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("unterminated labels: " + line);
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("malformed label at " + i + ": " + line);
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            i = eq + 2;
            while (true) {
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unterminated label value: " + line);
                }
                char c = line.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i < line.length()) {
                    char escaped = line.charAt(i++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
