package dev.opscenter.ingress.trigger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/**
 * EventSourceInput is the body of create and update; on update, absent fields keep their value.
 *
 * @param payloadSchema a JSON Schema object; {@code {}} removes the schema (any object is accepted)
 */
@Serdeable
record EventSourceInput(
        @Nullable String name,

        @Nullable
        @Size(
                max = EventSourceInput.MAX_DESCRIPTION,
                message = "at most " + EventSourceInput.MAX_DESCRIPTION + " characters")
        String description,

        @Nullable Object payloadSchema,
        @Nullable Boolean active,
        @Nullable Boolean raisesAlert,
        @Nullable String alertSeverity) {
    static final int MAX_DESCRIPTION = 1000;
}
