package dev.opscenter.common.testing;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ConfigurationDoc is docs/configuration.md read as data: which variables its tables document for which service, and
 * the default of each where the Default cell states it exactly (a single code span, or "empty").
 */
public final class ConfigurationDoc {
    /** Where the reference lives, relative to the repository root. */
    public static final String PATH = "docs/configuration.md";

    /** One variable documented for one service; {@code documentedDefault} is null where the cell is prose. */
    public record Entry(
            String variable, String service, @Nullable String documentedDefault, int line) {

        /** Whether the row names a family of variables ({@code OPSCENTER_NOTIFY_LIMITS_*}). */
        public boolean isFamily() {
            return variable.endsWith("_*");
        }

        /** Whether this row documents the variable, itself or as one of its family. */
        public boolean covers(String name) {
            return isFamily() ? name.startsWith(variable.substring(0, variable.length() - 1)) : name.equals(variable);
        }
    }

    // "Columns: **I** ingress-service, **W** worker-service, ..." names the tick columns of the Shared table
    private static final Pattern LEGEND = Pattern.compile("\\*\\*(\\w+)\\*\\* ([\\w-]+)");
    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*(?:_\\*)?)`");
    private static final Pattern ONE_CODE_SPAN = Pattern.compile("`([^`]*)`");

    private final Path root;
    private final List<Entry> entries;

    private ConfigurationDoc(Path root, List<Entry> entries) {
        this.root = root;
        this.entries = entries;
    }

    /** Reads the reference of the repository this test runs in (found upwards from the working directory). */
    public static ConfigurationDoc read() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(PATH))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(PATH + " not found above " + System.getProperty("user.dir"));
        }
        try {
            return new ConfigurationDoc(dir, parse(Files.readAllLines(dir.resolve(PATH))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root directory. */
    public Path root() {
        return root;
    }

    /** The variables documented for a service: in its own section, or ticked for it in the Shared table. */
    public List<Entry> documentedFor(String service) {
        return entries.stream().filter(e -> e.service().equals(service)).toList();
    }

    private static List<Entry> parse(List<String> lines) {
        Map<String, String> columnServices = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        String section = "";
        List<String> header = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                section = line.substring(3).strip();
            } else if (line.startsWith("Columns:")) {
                Matcher legend = LEGEND.matcher(line);
                while (legend.find()) {
                    columnServices.put(legend.group(1), legend.group(2));
                }
            }
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = cells;
            } else if (header.get(0).equals("Variable") && !cells.get(0).startsWith("-")) {
                List<String> variables = VARIABLE.matcher(cells.get(0))
                        .results()
                        .map(m -> m.group(1))
                        .toList();
                int defaultColumn = header.indexOf("Default");
                List<String> defaults = defaults(defaultColumn < 0 ? "" : cells.get(defaultColumn), variables.size());
                for (String service : services(section, header, cells, columnServices)) {
                    for (int v = 0; v < variables.size(); v++) {
                        entries.add(new Entry(variables.get(v), service, defaults.get(v), i + 1));
                    }
                }
            }
        }
        return entries;
    }

    private static List<String> services(
            String section, List<String> header, List<String> cells, Map<String, String> columnServices) {
        if (columnServices.containsValue(section)) {
            return List.of(section);
        }
        List<String> ticked = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (columnServices.containsKey(header.get(c)) && !cells.get(c).isBlank()) {
                ticked.add(columnServices.get(header.get(c)));
            }
        }
        return ticked;
    }

    /** A row's Default cell per variable: "`4`, `64`" for two variables; null where it is not exact. */
    private static List<String> defaults(String cell, int variables) {
        List<String> items = variables == 1 ? List.of(cell) : split(cell, ',', true);
        List<String> exact = new ArrayList<>();
        for (int v = 0; v < variables; v++) {
            exact.add(items.size() == variables ? exactValue(items.get(v).strip()) : null);
        }
        return exact;
    }

    private static @Nullable String exactValue(String item) {
        Matcher code = ONE_CODE_SPAN.matcher(item);
        if (code.matches()) {
            return code.group(1);
        }
        return item.equals("empty") ? "" : null;
    }

    private static List<String> cells(String row) {
        List<String> cells = split(row.strip(), '|', false);
        return cells.subList(1, cells.size() - 1).stream().map(String::strip).toList();
    }

    /** Splits at the separator where it is outside code spans (and outside parentheses when asked). */
    private static List<String> split(String text, char separator, boolean parentheses) {
        List<String> parts = new ArrayList<>();
        boolean code = false;
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                code = !code;
            } else if (!code && parentheses && (c == '(' || c == ')')) {
                depth += c == '(' ? 1 : -1;
            } else if (!code && depth == 0 && c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
