package dev.opscenter.ingress.notify.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** TemplateInput is the body of create and update (update replaces every field). */
@Serdeable
record TemplateInput(@Nullable String name, @Nullable String channelType, @Nullable String subject, @Nullable String body) {
}
