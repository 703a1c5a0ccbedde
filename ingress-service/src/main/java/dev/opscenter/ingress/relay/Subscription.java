package dev.opscenter.ingress.relay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Subscription is a relay subscription as the API shows it: never its secret, custom header values masked.
 *
 * @param hasPreviousSecret       whether a rotated-out secret still signs deliveries (until previousSecretExpiresAt)
 * @param disabledReason          why the relay turned it off; null when a user did, or it is on
 */
@Serdeable
record Subscription(
        long id,
        String name,
        @Nullable String description,
        List<String> eventTypes,
        @Nullable Long sourceId,
        String url,
        String signatureHeader,
        Map<String, String> headers,
        @Nullable Integer rateLimitPerSecond,
        @Nullable Map<String, Object> conditions,
        boolean active,
        @Nullable String disabledReason,
        boolean hasPreviousSecret,
        @Nullable Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt) {}
