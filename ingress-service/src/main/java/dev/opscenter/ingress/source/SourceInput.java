package dev.opscenter.ingress.source;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** SourceInput is the body of create and update; on update, absent fields keep their value. */
@Serdeable
record SourceInput(
        @Nullable String name,
        @Nullable String slug,
        @Nullable String kind,
        @Nullable String secret,
        @Nullable Map<String, Object> settings,
        @Nullable Boolean active) {}
