package dev.opscenter.ingress.notify.template;

import dev.opscenter.common.vocabulary.ChannelType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Template is the text of a notification for one channel type.
 *
 * @param channelType the type of channel it is written for (email bodies are HTML)
 */
@Serdeable
public record Template(
        long id,
        String name,
        ChannelType channelType,
        @Nullable String subject,
        String body,
        Instant createdAt,
        Instant updatedAt) {}
