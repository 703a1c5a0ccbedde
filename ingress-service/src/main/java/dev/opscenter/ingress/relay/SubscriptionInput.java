package dev.opscenter.ingress.relay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SubscriptionInput is the body of create and update. On update a field left out keeps its value and a field sent
 * (null included) replaces it; the secret changes only through rotate-secret.
 */
@Serdeable
record SubscriptionInput(
        @Nullable String name,
        @Nullable String description,
        @Nullable List<String> eventTypes,
        @Nullable Long sourceId,
        @Nullable String url,
        @Nullable String secret,
        @Nullable String signatureHeader,
        @Nullable Map<String, String> headers,
        @Nullable Integer rateLimitPerSecond,
        @Nullable Map<String, Object> conditions,
        @Nullable Boolean active) {

    /** This update's fields over the current subscription's: only those named in {@code sent} replace. */
    SubscriptionInput over(Subscription current, Set<String> sent) {
        return new SubscriptionInput(
                sent.contains("name") ? name : current.name(),
                sent.contains("description") ? description : current.description(),
                sent.contains("eventTypes") ? eventTypes : current.eventTypes(),
                sent.contains("sourceId") ? sourceId : current.sourceId(),
                sent.contains("url") ? url : current.url(),
                secret,
                sent.contains("signatureHeader") ? signatureHeader : current.signatureHeader(),
                sent.contains("headers") ? headers : current.headers(),
                sent.contains("rateLimitPerSecond") ? rateLimitPerSecond : current.rateLimitPerSecond(),
                sent.contains("conditions") ? conditions : current.conditions(),
                sent.contains("active") ? active : current.active());
    }
}
