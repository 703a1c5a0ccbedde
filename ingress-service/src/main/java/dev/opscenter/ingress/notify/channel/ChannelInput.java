package dev.opscenter.ingress.notify.channel;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** ChannelInput is the body of create and update; on update an absent secret keeps the stored one. */
@Serdeable
record ChannelInput(
        @Nullable String name,
        @Nullable String type,
        @Nullable Map<String, Object> config,
        @Nullable String secret,
        @Nullable Boolean active) {}
