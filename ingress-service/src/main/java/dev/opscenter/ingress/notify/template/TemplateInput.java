package dev.opscenter.ingress.notify.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** TemplateInput is the body of create and update (update replaces every field). */
@Serdeable
record TemplateInput(
        @Nullable String name,
        @Nullable String channelType,

        @Nullable @Size(max = TemplateInput.MAX_SUBJECT, message = TemplateInput.SUBJECT)
        String subject,

        @Nullable
        @NotBlank(message = TemplateInput.BODY)
        @Size(max = TemplateInput.MAX_BODY, message = TemplateInput.BODY)
        String body) {
    static final int MAX_SUBJECT = 1_000;
    static final int MAX_BODY = 100_000;
    static final String SUBJECT = "at most " + MAX_SUBJECT + " characters";
    static final String BODY = "required, at most " + MAX_BODY + " characters";
}
