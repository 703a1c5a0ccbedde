package dev.opscenter.ingress.notify.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * RenderedMessage is a template filled in for one event.
 *
 * @param missing variables the template uses that the event does not have, each once
 */
@Serdeable
public record RenderedMessage(@Nullable String subject, String body, List<String> missing) {}
