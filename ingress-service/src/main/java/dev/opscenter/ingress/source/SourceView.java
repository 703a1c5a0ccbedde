package dev.opscenter.ingress.source;

import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** SourceView is a source as the API returns it: everything but the secret. */
@Serdeable
record SourceView(
        long id,
        String name,
        String slug,
        SourceKind kind,
        Map<String, Object> settings,
        boolean active,
        String webhookPath,
        Instant createdAt,
        Instant updatedAt) {

    static SourceView of(Source s) {
        return new SourceView(
                s.id(),
                s.name(),
                s.slug(),
                s.kind(),
                s.settings(),
                s.active(),
                "/api/webhooks/" + s.slug(),
                s.createdAt(),
                s.updatedAt());
    }
}
