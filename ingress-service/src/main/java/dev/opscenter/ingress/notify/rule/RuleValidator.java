package dev.opscenter.ingress.notify.rule;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.notify.Conditions;
import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.notify.UserAudience;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.notify.Names;
import dev.opscenter.ingress.notify.Recipients;
import dev.opscenter.ingress.notify.channel.Channel;
import dev.opscenter.ingress.notify.channel.ChannelRepository;
import dev.opscenter.ingress.notify.group.GroupRepository;
import dev.opscenter.ingress.notify.template.Template;
import dev.opscenter.ingress.notify.template.TemplateRepository;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RuleValidator turns a rule body into a {@link RuleDraft}, or a 422 naming every invalid field: the lengths and ranges
 * {@link RuleInput} declares, and the rules here. Referenced rows (sources, channel, template, group) must exist, so
 * the worker never meets a rule it cannot follow.
 */
@Singleton
final class RuleValidator {
    /**
     * A path from one of the context's roots in ContextPath syntax: {@code payload.customer.email},
     * {@code payload.to.0}, {@code payload["reply.to"]}.
     */
    private static final Pattern FIELD_PATH =
            Pattern.compile("^(alert|event|payload)(\\.[^.\\[\\]\"\\s]+|\\.?\\[\"[^\"]*\"])+$");

    /**
     * A path into the payload written without {@code payload.}, as templates allow: {@code customer_email},
     * {@code customer.email}, {@code ["reply.to"]}. Checked after {@link #FIELD_PATH}, so a root is never read as a
     * payload field.
     */
    private static final Pattern PAYLOAD_FIELD =
            Pattern.compile("^([^.\\[\\]\"\\s]+|\\[\"[^\"]*\"])(\\.[^.\\[\\]\"\\s]+|\\.?\\[\"[^\"]*\"])*$");

    private static final Pattern ROOT = Pattern.compile("^(alert|event|payload)([.\\[].*)?$");

    private static final int MAX_RECIPIENTS = 1_000;

    private final RuleRepository rules;
    private final ChannelRepository channels;
    private final TemplateRepository templates;
    private final GroupRepository groups;
    private final NotifyLimits limits;
    private final Validator validator;

    RuleValidator(
            RuleRepository rules,
            ChannelRepository channels,
            TemplateRepository templates,
            GroupRepository groups,
            NotifyLimits limits,
            Validator validator) {
        this.rules = rules;
        this.channels = channels;
        this.templates = templates;
        this.groups = groups;
        this.limits = limits;
        this.validator = validator;
    }

    RuleDraft check(RuleInput in) {
        FieldErrors errors = new FieldErrors();
        String name = Names.valid(in.name(), errors);
        origin(in, errors);
        errors.check(validator, in);
        Severity minSeverity = severity(in.minSeverity(), errors);
        Map<String, Object> conditions = conditions(in.conditions(), errors);
        Channel channel = channel(in.channelId(), errors);
        ChannelType type = channel == null ? null : channel.type();
        Template template = template(in.templateId(), type, errors);
        List<String> recipients = Recipients.valid("recipients", in.recipients(), 0, MAX_RECIPIENTS, errors);
        String field = recipientField(in.recipientField(), errors);
        if (in.recipientGroupId() != null && groups.find(in.recipientGroupId()).isEmpty()) {
            errors.add("recipientGroupId", "no recipient group " + in.recipientGroupId());
        }
        UserAudience audience = audience(in.audience(), type, errors);
        if (audience != null && in.recipientGroupId() != null && type != ChannelType.CONSOLE) {
            // the worker fans out to one of them: a rule naming both would silently reach only the group
            errors.add("audience", "a rule reaches a recipient group or an audience of users, not both");
        }
        if (type == ChannelType.CONSOLE) {
            consoleAddressesOnlyAnAudience(in, recipients, field, errors);
        } else if (recipients.isEmpty()
                && field == null
                && in.recipientGroupId() == null
                && audience == null
                && !errors.has("recipients")
                && !errors.has("recipientField")
                && !errors.has("audience")) {
            errors.add("recipients", "give recipients, recipientField, recipientGroupId or audience");
        }
        String groupKey = blankToNull(in.groupKey());
        throttle(groupKey, in.throttleSeconds(), errors);
        errors.throwIfAny();
        return new RuleDraft(
                name,
                in.active() == null || in.active(),
                in.sourceId(),
                in.eventSourceId(),
                blankToNull(in.eventTypePattern()),
                minSeverity,
                conditions,
                channel.id(),
                type,
                template,
                recipients,
                field,
                in.recipientGroupId(),
                audience,
                groupKey,
                in.throttleSeconds());
    }

    /** The audience, if one is given: users have e-mail addresses and consoles, so only those channels take one. */
    private static UserAudience audience(String value, ChannelType type, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        UserAudience audience = UserAudience.parse(value.strip()).orElse(null);
        if (audience == null) {
            errors.add("audience", "all, or role: followed by admin, operator or viewer (role:operator)");
        } else if (type != null && !type.takesAudience()) {
            errors.add("audience", "only e-mail and console channels reach users; the channel is " + type.wire());
        }
        return audience;
    }

    /** A toast goes to the consoles of an audience, not to addresses: a console rule names an audience and nothing else. */
    private static void consoleAddressesOnlyAnAudience(
            RuleInput in, List<String> recipients, String field, FieldErrors errors) {
        if (in.audience() == null || in.audience().isBlank()) {
            errors.add("audience", "required for a console channel: all, or role:<role>");
        }
        if (!recipients.isEmpty()) {
            errors.add("recipients", "a console channel sends to an audience, not to addresses");
        }
        if (field != null) {
            errors.add("recipientField", "a console channel sends to an audience, not to addresses");
        }
        if (in.recipientGroupId() != null) {
            errors.add("recipientGroupId", "a console channel sends to an audience, not to a group");
        }
    }

    private void origin(RuleInput in, FieldErrors errors) {
        if (in.sourceId() != null && in.eventSourceId() != null) {
            errors.add("eventSourceId", "set at most one of sourceId and eventSourceId");
            return;
        }
        if (in.sourceId() != null && !rules.sourceExists(in.sourceId())) {
            errors.add("sourceId", "no webhook source " + in.sourceId());
        }
        if (in.eventSourceId() != null && !rules.eventSourceExists(in.eventSourceId())) {
            errors.add("eventSourceId", "no event source " + in.eventSourceId());
        }
    }

    private Channel channel(Long id, FieldErrors errors) {
        if (id == null) {
            errors.add("channelId", "required");
            return null;
        }
        Channel channel = channels.find(id).orElse(null);
        if (channel == null) {
            errors.add("channelId", "no channel " + id);
        }
        return channel;
    }

    /** The template, if one is given; whether it fits the channel is judged only when the channel is known. */
    private Template template(Long id, ChannelType channelType, FieldErrors errors) {
        if (id == null) {
            return null;
        }
        Template template = templates.find(id).orElse(null);
        if (template == null) {
            errors.add("templateId", "no template " + id);
        } else if (channelType != null && template.channelType() != channelType) {
            errors.add(
                    "templateId",
                    "template " + id + " is written for "
                            + template.channelType().wire() + " channels, the channel is " + channelType.wire());
        }
        return template;
    }

    private static Severity severity(String value, FieldErrors errors) {
        if (value == null) {
            return null;
        }
        for (Severity s : Severity.values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        errors.add("minSeverity", "one of info, warning, error, critical");
        return null;
    }

    private Map<String, Object> conditions(Map<String, Object> conditions, FieldErrors errors) {
        if (conditions == null || conditions.isEmpty()) {
            return null;
        }
        List<String> problems = Conditions.validate(conditions, limits.maxConditionLeaves());
        if (!problems.isEmpty()) {
            errors.add("conditions", String.join("; ", problems));
        }
        return conditions;
    }

    /**
     * The recipient field as stored: a path from a root as written, a bare payload field under {@code payload}
     * ({@code customer_email} is stored as {@code payload.customer_email}).
     */
    private static String recipientField(String path, FieldErrors errors) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String p = path.strip();
        if (p.length() <= RuleInput.MAX_TEXT) {
            if (FIELD_PATH.matcher(p).matches()) {
                return p;
            }
            if (!ROOT.matcher(p).matches() && PAYLOAD_FIELD.matcher(p).matches()) {
                return p.startsWith("[") ? "payload" + p : "payload." + p;
            }
        }
        errors.add(
                "recipientField",
                "a payload field (customer_email) or a dotted path under alert, event or payload"
                        + " (payload.customer.email), at most " + RuleInput.MAX_TEXT + " characters");
        return null;
    }

    /** groupKey and throttleSeconds go together (the range of throttleSeconds is {@link RuleInput}'s). */
    private static void throttle(String groupKey, Integer seconds, FieldErrors errors) {
        if (groupKey != null && seconds == null) {
            errors.add("throttleSeconds", "required with groupKey");
        }
        if (groupKey == null && seconds != null) {
            errors.add("groupKey", "required with throttleSeconds");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
