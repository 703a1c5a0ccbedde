package dev.opscenter.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FanoutProgress is the first item of a {@code GET /api/notification-fanouts?eventId=…} page: how many of the group's
 * notification rows the worker has created, and when it started and last moved.
 */
record FanoutProgress(int total, int created, String status, Instant createdAt, Instant updatedAt) {
    // One item per (event, rule); the page's shape is fixed by the admin API, so patterns spare a JSON library.
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final Pattern CREATED = Pattern.compile("\"created\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern UPDATED_AT = Pattern.compile("\"updatedAt\"\\s*:\\s*\"([^\"]+)\"");

    /** The first fan-out of the page; empty while the worker has not started one. */
    static Optional<FanoutProgress> parse(String page) {
        int items = page.indexOf("\"items\"");
        int first = items < 0 ? -1 : page.indexOf('{', items);
        if (first < 0) {
            return Optional.empty();
        }
        int end = page.indexOf('}', first);
        String item = page.substring(first, end < 0 ? page.length() : end + 1);
        return Optional.of(new FanoutProgress(
                Integer.parseInt(group(TOTAL, item)),
                Integer.parseInt(group(CREATED, item)),
                group(STATUS, item),
                Instant.parse(group(CREATED_AT, item)),
                Instant.parse(group(UPDATED_AT, item))));
    }

    boolean done() {
        return "done".equals(status) && created >= total;
    }

    /** From the fan-out record's creation (the event's transaction) to its last chunk. */
    Duration span() {
        return Duration.between(createdAt, updatedAt);
    }

    private static String group(Pattern pattern, String item) {
        Matcher m = pattern.matcher(item);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + pattern + " in " + item);
        }
        return m.group(1);
    }
}
