package dev.opscenter.ingress.notify.rule;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.notify.RuleMatch;
import dev.opscenter.common.notify.UserAudience;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.ingress.notify.template.Template;
import java.util.List;
import java.util.Map;

/**
 * RuleDraft is a rule that passed validation, with its channel's type and its template resolved: what is saved, and
 * what a dry-run evaluates. Nullable components are optional parts of the rule.
 */
record RuleDraft(
        String name,
        boolean active,
        Long sourceId,
        Long eventSourceId,
        String eventTypePattern,
        Severity minSeverity,
        Map<String, Object> conditions,
        long channelId,
        ChannelType channelType,
        Template template,
        List<String> recipients,
        String recipientField,
        Long recipientGroupId,
        UserAudience audience,
        String groupKey,
        Integer throttleSeconds) {

    RuleMatch.Criteria criteria() {
        return new RuleMatch.Criteria(active, sourceId, eventSourceId, eventTypePattern, minSeverity, conditions);
    }
}
