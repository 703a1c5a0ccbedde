package dev.opscenter.ingress.notify.rule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Rule is a stored notification rule as the API shows it.
 *
 * @param eventTypePattern event types it matches, {@code *} matching any run of characters; null matches all
 * @param minSeverity      lowest alert severity it matches; null also matches events without an alert
 * @param recipientField   dotted path into the notification context whose value (text or list of text) adds recipients
 * @param audience         console users addressed: {@code all} or {@code role:<role>} (enabled users only)
 * @param groupKey         template of the key repeats are throttled by, with {@code throttleSeconds} as the window
 */
@Serdeable
public record Rule(
        long id,
        String name,
        boolean active,
        @Nullable Long sourceId,
        @Nullable Long eventSourceId,
        @Nullable String eventTypePattern,
        @Nullable String minSeverity,
        @Nullable Map<String, Object> conditions,
        long channelId,
        @Nullable Long templateId,
        List<String> recipients,
        @Nullable String recipientField,
        @Nullable Long recipientGroupId,
        @Nullable String audience,
        @Nullable String groupKey,
        @Nullable Integer throttleSeconds,
        Instant createdAt,
        Instant updatedAt) {}
