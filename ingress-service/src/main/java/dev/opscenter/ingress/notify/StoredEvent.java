package dev.opscenter.ingress.notify;

import dev.opscenter.common.alert.AlertMessage;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * StoredEvent is one recorded event as notification rules and templates see it.
 *
 * @param sourceId      the webhook source that sent it, or null for a triggered event
 * @param eventSourceId the event source it was triggered through, or null for a webhook
 * @param source        the webhook source's slug or the event source's name
 * @param alert         the alert the worker raised for it, if any
 * @param context       variables for templates and conditions, built by the shared NotificationContext
 */
public record StoredEvent(
        long id,
        @Nullable Long sourceId,
        @Nullable Long eventSourceId,
        @Nullable String eventType,
        String source,
        @Nullable AlertMessage alert,
        Map<String, Object> context) {}
