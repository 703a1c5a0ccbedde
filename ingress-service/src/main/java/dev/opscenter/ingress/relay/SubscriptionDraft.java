package dev.opscenter.ingress.relay;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * SubscriptionDraft is a subscription body that passed {@link SubscriptionRules}: trimmed, defaults applied.
 *
 * @param headers custom header values, plain as sent or still sealed as stored (the repository seals the plain ones)
 */
record SubscriptionDraft(
        String name,
        @Nullable String description,
        List<String> eventTypes,
        @Nullable Long sourceId,
        String url,
        String signatureHeader,
        Map<String, String> headers,
        @Nullable Integer rateLimitPerSecond,
        @Nullable Map<String, Object> conditions,
        boolean active) {}
