package dev.opscenter.common.notify;

import dev.opscenter.common.alert.Severity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RuleMatch decides whether a notification rule applies to an event, and to whom it sends, the same way in the
 * worker (sending) and in ingress (dry-run).
 */
public final class RuleMatch {
    private RuleMatch() {
    }

    /** What a rule matches on. Null fields match anything. */
    public record Rule(boolean active, Long sourceId, Long eventSourceId, String eventTypePattern, Severity minSeverity,
                       Map<String, Object> conditions) {
    }

    /**
     * What is known of an event.
     *
     * @param alertSeverity the severity of its alert, null when it raised none
     * @param context       the {@link NotificationContext} conditions are evaluated against
     */
    public record Event(Long sourceId, Long eventSourceId, String eventType, Severity alertSeverity, Map<String, Object> context) {
    }

    /**
     * True when the rule is active, bound to the event's source (webhook or event source) or to none, its type
     * pattern matches, the event's alert is at least the minimum severity (no alert: no match when one is required),
     * and its conditions hold.
     */
    public static boolean matches(Rule rule, Event event) {
        if (!rule.active()) {
            return false;
        }
        if (rule.sourceId() != null && !rule.sourceId().equals(event.sourceId())) {
            return false;
        }
        if (rule.eventSourceId() != null && !rule.eventSourceId().equals(event.eventSourceId())) {
            return false;
        }
        if (!EventTypePattern.matches(rule.eventTypePattern(), event.eventType())) {
            return false;
        }
        if (rule.minSeverity() != null && (event.alertSeverity() == null || !event.alertSeverity().atLeast(rule.minSeverity()))) {
            return false;
        }
        return Conditions.matches(rule.conditions(), event.context());
    }

    /** Fixed recipients, then the text value(s) at {@code recipientField} in the context, without repeats, in order. */
    public static List<String> recipients(List<String> fixed, String recipientField, Map<String, Object> context) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (fixed != null) {
            fixed.stream().filter(r -> r != null && !r.isBlank()).map(String::trim).forEach(out::add);
        }
        if (recipientField != null && !recipientField.isBlank()) {
            Optional<Object> value = ContextPath.resolve(context, recipientField);
            value.ifPresent(v -> {
                if (v instanceof Collection<?> many) {
                    many.stream().filter(x -> x instanceof String s && !s.isBlank()).map(x -> ((String) x).trim()).forEach(out::add);
                } else if (v instanceof String one && !one.isBlank()) {
                    out.add(one.trim());
                }
            });
        }
        return List.copyOf(out);
    }
}
