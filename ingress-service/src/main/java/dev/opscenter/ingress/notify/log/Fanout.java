package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.vocabulary.FanoutStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Fanout is the progress of notifying one recipient group about one event, which the worker does in chunks.
 *
 * @param total   members of the group when the fan-out started
 * @param created notifications created so far
 */
@Serdeable
public record Fanout(
        long id,
        long eventId,
        long ruleId,
        long groupId,
        int total,
        int created,
        FanoutStatus status,
        Instant createdAt,
        Instant updatedAt) {}
