package dev.opscenter.ingress.notify.group;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** RecipientGroup is a named list of recipients, shown with how many members it has. */
@Serdeable
public record RecipientGroup(long id, String name, @Nullable String description, long memberCount, Instant createdAt) {}
