package dev.opscenter.worker.notify;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.notify.AudienceUsers;
import dev.opscenter.common.notify.DefaultTemplates;
import dev.opscenter.common.notify.NotificationContext;
import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.notify.RegexBudget;
import dev.opscenter.common.notify.RuleMatch;
import dev.opscenter.common.notify.Silence;
import dev.opscenter.common.notify.SilenceRows;
import dev.opscenter.common.notify.TemplateRenderer;
import dev.opscenter.common.notify.UserAudience;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.common.vocabulary.NotificationStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NotificationPlanner turns a finished event into notification rows: every active rule that matches, rendered for
 * each recipient, throttled per rule and group key. It runs inside the transaction that finishes the event, and
 * every row is keyed by (event, rule, recipient), so a redelivered event never plans a second notification. What
 * one event may cost is bounded by {@link NotifyLimits}: one regex budget for all its rules, recipients taken from
 * its payload, rendered text lengths.
 */
@Singleton
public final class NotificationPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationPlanner.class);

    private final Database db;
    private final JsonMapper json;
    private final Clock clock;
    private final Throttle throttle;
    private final NotifyLimits limits;
    private final MeterRegistry meters;

    NotificationPlanner(Database db, JsonMapper json, Clock clock, NotifyLimits limits, MeterRegistry meters) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
        this.meters = meters;
        this.throttle = new Throttle(db);
    }

    /** What planning produced: rows to enqueue now, and whether group fan-outs were started. */
    public record Plan(List<Long> pending, int fanouts) {
        /** Nothing planned. */
        public static final Plan NONE = new Plan(List.of(), 0);
    }

    /**
     * Starts planning the events of one transaction: each source's active rules are read once, however many of its
     * events the transaction finishes.
     */
    public Session session() {
        return new Session();
    }

    /** Plans the notifications of the events of one transaction (not thread-safe: one per transaction). */
    public final class Session {
        private final Map<List<Long>, List<PlannedRule>> rulesBySource = new HashMap<>();
        private List<Silence> silences;

        private Session() {}

        /** Plans the notifications of one event; alert is null when the event raised none. */
        public Plan plan(
                NotificationContext.EventFacts facts,
                @Nullable Long sourceId,
                @Nullable Long eventSourceId,
                @Nullable AlertMessage alert,
                Supplier<Object> payload) {
            List<PlannedRule> rules = rulesBySource.computeIfAbsent(
                    Arrays.asList(sourceId, eventSourceId), source -> rules(sourceId, eventSourceId));
            if (rules.isEmpty()) {
                return Plan.NONE; // most events: no rule applies, and the payload is never read again
            }
            if (alert != null && silenced(alert)) {
                return Plan.NONE;
            }
            return NotificationPlanner.this.plan(rules, facts, sourceId, eventSourceId, alert, payload);
        }

        /** Whether a silence in force mutes the alert; the silences are read once, when an alert first needs them. */
        private boolean silenced(AlertMessage alert) {
            Instant now = clock.instant();
            if (silences == null) {
                silences = db.list(
                        SilenceRows.SELECT + " WHERE starts_at <= :now AND ends_at > :now",
                        Params.of("now", now),
                        SilenceRows::map);
            }
            for (Silence silence : silences) {
                if (silence.mutes(alert, now)) {
                    LOG.debug("alert {} muted by silence {}: no notification", alert.id(), silence.id());
                    meters.counter("opscenter.notifications.silenced").increment();
                    return true;
                }
            }
            return false;
        }
    }

    private Plan plan(
            List<PlannedRule> rules,
            NotificationContext.EventFacts facts,
            @Nullable Long sourceId,
            @Nullable Long eventSourceId,
            @Nullable AlertMessage alert,
            Supplier<Object> payload) {
        Map<String, Object> context = NotificationContext.of(alert, facts, payload.get());
        RuleMatch.Event event = new RuleMatch.Event(
                sourceId,
                eventSourceId,
                facts.type(),
                alert == null ? null : Severity.parse(alert.severity()),
                context);
        List<Long> pending = new ArrayList<>();
        int fanouts = 0;
        Instant now = clock.instant();
        RegexBudget budget = limits.newRegexBudget(); // one for the event, however many rules and conditions
        for (PlannedRule rule : rules) {
            if (!RuleMatch.matches(
                    new RuleMatch.Criteria(
                            true,
                            rule.sourceId(),
                            rule.eventSourceId(),
                            rule.eventTypePattern(),
                            rule.minSeverity(),
                            rule.conditions()),
                    event,
                    budget)) {
                continue;
            }
            // a webhook recipient is a URL: never let event data choose where the worker sends (fixed recipients only)
            String field = rule.channelType().takesEventRecipients() ? rule.recipientField() : null;
            RuleMatch.Audience audience =
                    RuleMatch.audience(rule.recipients(), field, context, List.of(), limits.maxFieldRecipients());
            if (audience.dropped() > 0) {
                LOG.warn(
                        "rule {} on event {}: {} names {} recipients, only the first {} are notified ({} dropped)",
                        rule.id(),
                        facts.id(),
                        rule.recipientField(),
                        audience.fieldValues(),
                        limits.maxFieldRecipients(),
                        audience.dropped());
            }
            UserAudience users = rule.audience();
            // a console toast goes to the consoles of the audience at once: one row, its recipient the audience itself
            boolean toast = rule.channelType() == ChannelType.CONSOLE;
            List<String> recipients =
                    toast ? (users == null ? List.of() : List.of(users.value())) : audience.recipients();
            boolean fansOut = !toast && (rule.recipientGroupId() != null || users != null);
            if (recipients.isEmpty() && !fansOut) {
                continue;
            }
            Throttle.Decision decision = rule.groupKey() == null || rule.throttleSeconds() == null
                    ? Throttle.Decision.SEND
                    : throttle.decide(
                            rule.id(),
                            TemplateRenderer.render(
                                            rule.groupKey(),
                                            context,
                                            TemplateRenderer.Escape.NONE,
                                            limits.maxSubjectChars())
                                    .text(),
                            java.time.Duration.ofSeconds(rule.throttleSeconds()),
                            now);
            boolean html = rule.channelType().html();
            String subject = TemplateRenderer.render(
                            rule.subject() != null ? rule.subject() : DefaultTemplates.subject(alert != null),
                            context,
                            TemplateRenderer.Escape.NONE,
                            limits.maxSubjectChars())
                    .text();
            String body = TemplateRenderer.render(
                                    rule.body() != null
                                            ? rule.body()
                                            : DefaultTemplates.body(alert != null, rule.channelType()),
                                    context,
                                    html ? TemplateRenderer.Escape.HTML : TemplateRenderer.Escape.NONE,
                                    limits.maxBodyChars())
                            .text()
                    + suppressedNote(decision.suppressedBefore(), rule.throttleSeconds(), html);
            NotificationStatus status = decision.send() ? NotificationStatus.PENDING : NotificationStatus.SUPPRESSED;
            for (String recipient : recipients) {
                insertLog(facts.id(), alert, rule, recipient, subject, body, status, decision.suppressedBefore(), now)
                        .filter(id -> decision.send())
                        .ifPresent(pending::add);
            }
            if (decision.send() && fansOut) {
                fanouts += startFanout(facts.id(), alert, rule, subject, body, decision.suppressedBefore());
            }
        }
        return new Plan(pending, fanouts);
    }

    private static String suppressedNote(int suppressed, Integer windowSeconds, boolean html) {
        if (suppressed <= 0) {
            return "";
        }
        String text = suppressed + " similar notification" + (suppressed == 1 ? " was" : "s were")
                + " suppressed in the last " + windowSeconds + " s.";
        return html ? "<p><em>" + text + "</em></p>" : "\n\n(" + text + ")";
    }

    private java.util.Optional<Long> insertLog(
            long eventId,
            @Nullable AlertMessage alert,
            PlannedRule rule,
            String recipient,
            String subject,
            String body,
            NotificationStatus status,
            int suppressed,
            Instant now) {
        return db.one(
                """
                INSERT INTO notification_logs (event_id, alert_id, rule_id, channel_id, channel_type, recipient, subject, body, status,
                                               suppressed_count, next_attempt_at)
                VALUES (:event_id, :alert_id, :rule_id, :channel_id, :channel_type, :recipient, :subject, :body, :status,
                        :suppressed, :next_attempt_at)
                ON CONFLICT (event_id, rule_id, recipient) DO NOTHING
                RETURNING id""",
                Params.of("event_id", eventId)
                        .and("alert_id", alert == null ? null : alert.id())
                        .and("rule_id", rule.id())
                        .and("channel_id", rule.channelId())
                        .and("channel_type", rule.channelType())
                        .and("recipient", recipient)
                        .and("subject", subject)
                        .and("body", body)
                        .and("status", status)
                        .and("suppressed", suppressed)
                        .and("next_attempt_at", status == NotificationStatus.PENDING ? now : null),
                Long.class);
    }

    /** Starts the fan-out to the rule's group or, for a rule without one, to its audience's users. */
    private int startFanout(
            long eventId, @Nullable AlertMessage alert, PlannedRule rule, String subject, String body, int suppressed) {
        boolean group = rule.recipientGroupId() != null;
        return db.update(
                """
                INSERT INTO notification_fanouts (event_id, rule_id, group_id, audience, alert_id, channel_id, channel_type,
                                                  subject, body, suppressed_count, total)
                SELECT :event_id, :rule_id, :group_id, :audience, :alert_id, :channel_id, :channel_type, :subject, :body,
                       :suppressed, count(*)
                """
                        + (group
                                ? "FROM recipient_group_members WHERE group_id = :group_id"
                                : "FROM (SELECT DISTINCT email " + AudienceUsers.FROM + ") AS audience")
                        + " ON CONFLICT (event_id, rule_id) DO NOTHING",
                (group ? Params.NONE : AudienceUsers.params(rule.audience()))
                        .and("event_id", eventId)
                        .and("rule_id", rule.id())
                        .and("group_id", rule.recipientGroupId())
                        .and("audience", group ? null : rule.audience().value())
                        .and("alert_id", alert == null ? null : alert.id())
                        .and("channel_id", rule.channelId())
                        .and("channel_type", rule.channelType())
                        .and("subject", subject)
                        .and("body", body)
                        .and("suppressed", suppressed));
    }

    private List<PlannedRule> rules(@Nullable Long sourceId, @Nullable Long eventSourceId) {
        return db.list("""
                SELECT r.id, r.source_id, r.event_source_id, r.event_type_pattern, r.min_severity, r.conditions::text AS conditions,
                       r.channel_id, c.type AS channel_type, r.recipients, r.recipient_field, r.recipient_group_id, r.audience, r.group_key,
                       r.throttle_seconds, t.subject, t.body
                  FROM notification_rules r
                  JOIN channels c ON c.id = r.channel_id AND c.is_active
                  LEFT JOIN notification_templates t ON t.id = r.template_id
                 WHERE r.is_active
                   AND (r.source_id IS NULL OR r.source_id = :source_id)
                   AND (r.event_source_id IS NULL OR r.event_source_id = :event_source_id)
                 ORDER BY r.id""", Params.of("source_id", sourceId).and("event_source_id", eventSourceId), this::rule);
    }

    private PlannedRule rule(ResultSet r) throws SQLException {
        Array recipients = r.getArray("recipients");
        String minSeverity = r.getString("min_severity");
        Integer throttle = r.getObject("throttle_seconds") == null ? null : r.getInt("throttle_seconds");
        return new PlannedRule(
                r.getLong("id"),
                Columns.nullableLong(r, "source_id"),
                Columns.nullableLong(r, "event_source_id"),
                r.getString("event_type_pattern"),
                minSeverity == null ? null : Severity.parse(minSeverity),
                Json.readMap(json, r.getString("conditions")),
                r.getLong("channel_id"),
                ChannelType.parse(r.getString("channel_type")),
                recipients == null ? List.of() : Arrays.asList((String[]) recipients.getArray()),
                r.getString("recipient_field"),
                Columns.nullableLong(r, "recipient_group_id"),
                UserAudience.parse(r.getString("audience")).orElse(null),
                r.getString("group_key"),
                throttle,
                r.getString("subject"),
                r.getString("body"));
    }
}
