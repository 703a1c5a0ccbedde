package dev.opscenter.ingress.trigger;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * EventSource is a named event that internal services trigger.
 *
 * @param payloadSchema  JSON Schema text the payload must satisfy; null accepts any object
 * @param raisesAlert    whether the worker also raises an alert for each event, with {@code alertSeverity}
 * @param updatedAt      changes on every update; compiled schemas are cached per (id, updatedAt)
 */
record EventSource(
        long id,
        String name,
        @Nullable String description,
        @Nullable String payloadSchema,
        boolean active,
        boolean raisesAlert,
        @Nullable String alertSeverity,
        Instant createdAt,
        Instant updatedAt) {}
