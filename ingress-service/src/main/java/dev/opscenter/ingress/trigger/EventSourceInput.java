package dev.opscenter.ingress.trigger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * EventSourceInput is the body of create and update; on update, absent fields keep their value.
 *
 * @param payloadSchema a JSON Schema object; {@code {}} removes the schema (any object is accepted)
 */
@Serdeable
record EventSourceInput(@Nullable String name, @Nullable String description, @Nullable Object payloadSchema,
                        @Nullable Boolean active, @Nullable Boolean raisesAlert, @Nullable String alertSeverity) {
}
