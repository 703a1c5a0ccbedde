package dev.opscenter.ingress.notify.rule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** RuleInput is the body of create, update (which replaces every field) and an unsaved dry-run. */
@Serdeable
record RuleInput(@Nullable String name, @Nullable Boolean active, @Nullable Long sourceId, @Nullable Long eventSourceId,
                 @Nullable String eventTypePattern, @Nullable String minSeverity, @Nullable Map<String, Object> conditions,
                 @Nullable Long channelId, @Nullable Long templateId, @Nullable List<String> recipients,
                 @Nullable String recipientField, @Nullable Long recipientGroupId, @Nullable String groupKey,
                 @Nullable Integer throttleSeconds) {

    static RuleInput of(Rule r) {
        return new RuleInput(r.name(), r.active(), r.sourceId(), r.eventSourceId(), r.eventTypePattern(), r.minSeverity(),
                r.conditions(), r.channelId(), r.templateId(), r.recipients(), r.recipientField(), r.recipientGroupId(),
                r.groupKey(), r.throttleSeconds());
    }
}
