package dev.opscenter.ingress.notify.template;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.notify.Names;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

/**
 * TemplateRules validates a template body: the name and channel type here, the lengths of subject and body as
 * {@link TemplateInput} declares them. Every invalid field is named, all in one 422.
 */
@Singleton
final class TemplateRules {
    private final Validator validator;

    TemplateRules(Validator validator) {
        this.validator = validator;
    }

    /** A template's fields as they are saved; a blank subject is none. */
    record Checked(
            String name, ChannelType channelType, @Nullable String subject, String body) {}

    Checked check(TemplateInput in) {
        FieldErrors errors = new FieldErrors();
        String name = Names.valid(in.name(), errors);
        ChannelType type = errors.parse("channelType", in.channelType(), ChannelType::parse);
        errors.check(validator, in);
        errors.throwIfAny();
        return new Checked(name, type, in.subject() == null || in.subject().isBlank() ? null : in.subject(), in.body());
    }
}
