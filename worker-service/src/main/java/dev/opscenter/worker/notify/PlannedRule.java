package dev.opscenter.worker.notify;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.notify.UserAudience;
import dev.opscenter.common.vocabulary.ChannelType;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/** PlannedRule is an active rule with its channel type and template, as matching and rendering need it. */
record PlannedRule(
        long id,
        @Nullable Long sourceId,
        @Nullable Long eventSourceId,
        @Nullable String eventTypePattern,
        @Nullable Severity minSeverity,
        @Nullable Map<String, Object> conditions,
        long channelId,
        ChannelType channelType,
        List<String> recipients,
        @Nullable String recipientField,
        @Nullable Long recipientGroupId,
        @Nullable UserAudience audience,
        @Nullable String groupKey,
        @Nullable Integer throttleSeconds,
        @Nullable String subject,
        @Nullable String body) {}
