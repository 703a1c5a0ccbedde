package dev.opscenter.common.notify;

import dev.opscenter.common.alert.Severity;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RuleMatch decides whether a notification rule applies to an event, and whom it notifies. The worker applies the
 * same semantics when sending; ingress uses it for dry-runs, so both must change together.
 */
public final class RuleMatch {
    private RuleMatch() {}

    /**
     * What a rule asks of an event; null parts ask nothing.
     *
     * @param sourceId      the webhook source the event must come from
     * @param eventSourceId the event source the event must be triggered through
     * @param minSeverity   the least severity the event's alert must have; events without an alert then never match
     * @param conditions    JSON conditions over the notification context
     */
    public record Criteria(
            boolean active,
            @Nullable Long sourceId,
            @Nullable Long eventSourceId,
            @Nullable String eventTypePattern,
            @Nullable Severity minSeverity,
            @Nullable Map<String, Object> conditions) {}

    /**
     * What is known of an event when rules are evaluated.
     *
     * @param sourceId      its webhook source, null for a triggered event
     * @param eventSourceId its event source, null for a webhook
     * @param alertSeverity the severity of its alert, null when it raised none
     * @param context       the notification context built by the shared NotificationContext
     */
    public record Event(
            @Nullable Long sourceId,
            @Nullable Long eventSourceId,
            @Nullable String eventType,
            @Nullable Severity alertSeverity,
            Map<String, Object> context) {}

    /** {@link #matches(Criteria, Event, RegexBudget)} with a default budget of its own: for one rule evaluated alone. */
    public static boolean matches(Criteria rule, Event event) {
        return matches(rule, event, NotifyLimits.DEFAULTS.newRegexBudget());
    }

    /**
     * True when the rule is active and every part of it that is set holds for the event. The budget is the event's:
     * pass the same one for every rule evaluated for that event.
     */
    public static boolean matches(Criteria rule, Event event, RegexBudget budget) {
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
        if (rule.minSeverity() != null
                && (event.alertSeverity() == null || !event.alertSeverity().atLeast(rule.minSeverity()))) {
            return false;
        }
        return Conditions.matches(rule.conditions(), event.context(), budget);
    }

    /**
     * Whom a matching rule notifies.
     *
     * @param recipients  in sending order
     * @param fieldValues how many distinct recipients the recipient field named
     * @param dropped     how many of those were left out for the per-event limit
     */
    public record Audience(List<String> recipients, int fieldValues, int dropped) {
        public Audience {
            recipients = List.copyOf(recipients);
        }
    }

    /** {@link #audience} with the default limit, as a list. */
    public static List<String> recipients(
            List<String> fixed,
            @Nullable String recipientField,
            Map<String, Object> context,
            Collection<String> groupMembers) {
        return audience(fixed, recipientField, context, groupMembers, NotifyLimits.DEFAULTS.maxFieldRecipients())
                .recipients();
    }

    /**
     * Whom a matching rule notifies: the fixed list, then the value(s) at the recipient field, then the group's members,
     * each once, in that order. Blank values are skipped; surrounding whitespace is not part of a recipient. The
     * event's sender controls the field, so only its first maxFromField new recipients are taken.
     */
    public static Audience audience(
            List<String> fixed,
            @Nullable String recipientField,
            Map<String, Object> context,
            Collection<String> groupMembers,
            int maxFromField) {
        Set<String> out = new LinkedHashSet<>();
        addAll(out, fixed);
        int named = 0;
        int dropped = 0;
        if (recipientField != null) {
            Set<String> fromField = new LinkedHashSet<>();
            addAll(fromField, fieldValues(recipientField, context));
            fromField.removeAll(out);
            named = fromField.size();
            fromField.stream().limit(Math.max(0, maxFromField)).forEach(out::add);
            dropped = named - Math.min(named, Math.max(0, maxFromField));
        }
        addAll(out, groupMembers);
        return new Audience(new ArrayList<>(out), named, dropped);
    }

    /** The recipients at a context path: a text value, or each text in a list; other values name no one. */
    static List<String> fieldValues(String path, Map<String, Object> context) {
        Optional<Object> value = ContextPath.resolve(context, path);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof String s) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        if (value.get() instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static void addAll(Set<String> out, @Nullable Collection<String> values) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v.strip());
            }
        }
    }
}
