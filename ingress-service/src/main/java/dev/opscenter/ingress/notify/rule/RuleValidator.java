package dev.opscenter.ingress.notify.rule;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.notify.Conditions;
import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.notify.ChannelType;
import dev.opscenter.ingress.notify.Names;
import dev.opscenter.ingress.notify.Recipients;
import dev.opscenter.ingress.notify.channel.Channel;
import dev.opscenter.ingress.notify.channel.ChannelRepository;
import dev.opscenter.ingress.notify.group.GroupRepository;
import dev.opscenter.ingress.notify.template.Template;
import dev.opscenter.ingress.notify.template.TemplateRepository;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RuleValidator turns a rule body into a {@link RuleDraft}, or a 422 naming the first bad field. Referenced rows
 * (sources, channel, template, group) must exist, so the worker never meets a rule it cannot follow.
 */
@Singleton
final class RuleValidator {
    /**
     * A path from one of the context's roots in ContextPath syntax: {@code payload.customer.email},
     * {@code payload.to.0}, {@code payload["reply.to"]}.
     */
    private static final Pattern FIELD_PATH = Pattern.compile("^(alert|event|payload)(\\.[^.\\[\\]\"\\s]+|\\.?\\[\"[^\"]*\"])+$");
    private static final int MAX_RECIPIENTS = 1_000;
    private static final int MAX_TEXT = 500;
    private static final int MAX_THROTTLE_SECONDS = 30 * 24 * 3600;

    private final RuleRepository rules;
    private final ChannelRepository channels;
    private final TemplateRepository templates;
    private final GroupRepository groups;
    private final NotifyLimits limits;

    RuleValidator(RuleRepository rules, ChannelRepository channels, TemplateRepository templates, GroupRepository groups,
                  NotifyLimits limits) {
        this.rules = rules;
        this.channels = channels;
        this.templates = templates;
        this.groups = groups;
        this.limits = limits;
    }

    RuleDraft check(RuleInput in) {
        String name = Names.valid(in.name());
        if (in.sourceId() != null && in.eventSourceId() != null) {
            throw ProblemException.invalid("eventSourceId", "set at most one of sourceId and eventSourceId");
        }
        if (in.sourceId() != null && !rules.sourceExists(in.sourceId())) {
            throw ProblemException.invalid("sourceId", "no webhook source " + in.sourceId());
        }
        if (in.eventSourceId() != null && !rules.eventSourceExists(in.eventSourceId())) {
            throw ProblemException.invalid("eventSourceId", "no event source " + in.eventSourceId());
        }
        String pattern = optionalText("eventTypePattern", in.eventTypePattern());
        Severity minSeverity = severity(in.minSeverity());
        Map<String, Object> conditions = conditions(in.conditions());
        Channel channel = channel(in.channelId());
        ChannelType type = ChannelType.parse("channelId", channel.type());
        Template template = template(in.templateId(), type);
        List<String> recipients = Recipients.valid("recipients", in.recipients(), 0, MAX_RECIPIENTS);
        String field = recipientField(in.recipientField());
        if (in.recipientGroupId() != null && groups.find(in.recipientGroupId()).isEmpty()) {
            throw ProblemException.invalid("recipientGroupId", "no recipient group " + in.recipientGroupId());
        }
        if (recipients.isEmpty() && field == null && in.recipientGroupId() == null) {
            throw ProblemException.invalid("recipients", "give recipients, recipientField or recipientGroupId");
        }
        String groupKey = optionalText("groupKey", in.groupKey());
        throttle(groupKey, in.throttleSeconds());
        return new RuleDraft(name, in.active() == null || in.active(), in.sourceId(), in.eventSourceId(), pattern, minSeverity,
                conditions, channel.id(), type, template, recipients, field, in.recipientGroupId(), groupKey, in.throttleSeconds());
    }

    private Channel channel(Long id) {
        if (id == null) {
            throw ProblemException.invalid("channelId", "required");
        }
        return channels.find(id).orElseThrow(() -> ProblemException.invalid("channelId", "no channel " + id));
    }

    private Template template(Long id, ChannelType channelType) {
        if (id == null) {
            return null;
        }
        Template template = templates.find(id).orElseThrow(() -> ProblemException.invalid("templateId", "no template " + id));
        if (!template.channelType().equals(channelType.wire())) {
            throw ProblemException.invalid("templateId", "template " + id + " is written for " + template.channelType()
                    + " channels, the channel is " + channelType.wire());
        }
        return template;
    }

    private static Severity severity(String value) {
        if (value == null) {
            return null;
        }
        for (Severity s : Severity.values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw ProblemException.invalid("minSeverity", "one of info, warning, error, critical");
    }

    private Map<String, Object> conditions(Map<String, Object> conditions) {
        if (conditions == null || conditions.isEmpty()) {
            return null;
        }
        List<String> errors = Conditions.validate(conditions, limits.maxConditionLeaves());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("conditions", String.join("; ", errors));
        }
        return conditions;
    }

    private static String recipientField(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        if (path.length() > MAX_TEXT || !FIELD_PATH.matcher(path.strip()).matches()) {
            throw ProblemException.invalid("recipientField", "a dotted path under alert, event or payload, e.g. payload.customer.email");
        }
        return path.strip();
    }

    private static void throttle(String groupKey, Integer seconds) {
        if (groupKey != null && seconds == null) {
            throw ProblemException.invalid("throttleSeconds", "required with groupKey");
        }
        if (groupKey == null && seconds != null) {
            throw ProblemException.invalid("groupKey", "required with throttleSeconds");
        }
        if (seconds != null && (seconds <= 0 || seconds > MAX_THROTTLE_SECONDS)) {
            throw ProblemException.invalid("throttleSeconds", "1 to " + MAX_THROTTLE_SECONDS + " seconds");
        }
    }

    private static String optionalText(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ProblemException.invalid(field, "at most " + MAX_TEXT + " characters");
        }
        return value.strip();
    }
}
