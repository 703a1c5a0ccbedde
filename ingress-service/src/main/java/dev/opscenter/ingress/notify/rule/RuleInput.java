package dev.opscenter.ingress.notify.rule;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** RuleInput is the body of create, update (which replaces every field) and an unsaved dry-run. */
@Serdeable
record RuleInput(
        @Nullable String name,
        @Nullable Boolean active,
        @Nullable Long sourceId,
        @Nullable Long eventSourceId,

        @Nullable @Size(max = RuleInput.MAX_TEXT, message = RuleInput.TEXT)
        String eventTypePattern,

        @Nullable String minSeverity,
        @Nullable Map<String, Object> conditions,
        @Nullable Long channelId,
        @Nullable Long templateId,
        @Nullable List<String> recipients,
        // recipient_field: the original design's spelling, accepted on input; answers say recipientField
        @Nullable @JsonAlias("recipient_field") String recipientField,
        @Nullable Long recipientGroupId,
        @Nullable String audience,

        @Nullable @Size(max = RuleInput.MAX_TEXT, message = RuleInput.TEXT)
        String groupKey,

        @Nullable
        @Min(value = 1, message = RuleInput.THROTTLE)
        @Max(value = RuleInput.MAX_THROTTLE_SECONDS, message = RuleInput.THROTTLE)
        Integer throttleSeconds) {
    static final int MAX_TEXT = 500;
    static final String TEXT = "at most " + MAX_TEXT + " characters";
    static final int MAX_THROTTLE_SECONDS = 30 * 24 * 3600;
    static final String THROTTLE = "1 to " + MAX_THROTTLE_SECONDS + " seconds";

    static RuleInput of(Rule r) {
        return new RuleInput(
                r.name(),
                r.active(),
                r.sourceId(),
                r.eventSourceId(),
                r.eventTypePattern(),
                r.minSeverity(),
                r.conditions(),
                r.channelId(),
                r.templateId(),
                r.recipients(),
                r.recipientField(),
                r.recipientGroupId(),
                r.audience(),
                r.groupKey(),
                r.throttleSeconds());
    }
}
