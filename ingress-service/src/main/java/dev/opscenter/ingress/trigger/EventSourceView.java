package dev.opscenter.ingress.trigger;

import dev.opscenter.common.sql.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** EventSourceView is an event source as the API returns it. */
@Serdeable
record EventSourceView(
        long id,
        String name,
        @Nullable String description,
        @Nullable Map<String, Object> payloadSchema,
        boolean active,
        boolean raisesAlert,
        @Nullable String alertSeverity,
        Instant createdAt,
        Instant updatedAt) {

    static EventSourceView of(EventSource s, JsonMapper json) {
        return new EventSourceView(
                s.id(),
                s.name(),
                s.description(),
                Json.readMap(json, s.payloadSchema()),
                s.active(),
                s.raisesAlert(),
                s.alertSeverity(),
                s.createdAt(),
                s.updatedAt());
    }
}
