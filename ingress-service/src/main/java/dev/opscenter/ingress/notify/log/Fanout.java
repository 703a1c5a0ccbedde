package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.vocabulary.FanoutStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Fanout is the progress of notifying one recipient group, or the users of one audience, about one event, which the
 * worker does in chunks.
 *
 * @param groupId  the group notified; null when the fan-out goes to an audience
 * @param audience the users notified ({@code all}, {@code role:operator}); null when it goes to a group
 * @param total    members of the group (users of the audience with an e-mail) when the fan-out started
 * @param created  notifications created so far
 */
@Serdeable
public record Fanout(
        long id,
        long eventId,
        long ruleId,
        @Nullable Long groupId,
        @Nullable String audience,
        int total,
        int created,
        FanoutStatus status,
        Instant createdAt,
        Instant updatedAt) {}
