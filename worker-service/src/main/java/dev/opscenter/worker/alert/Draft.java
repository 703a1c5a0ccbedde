package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.worker.parse.ParsedAlert;
import io.micronaut.core.annotation.Nullable;

/**
 * Draft is a claimed event ready to be finished: its row, which attempt this is, and the alert parsed from it (null
 * when the event raises none).
 */
record Draft(StoredEvent event, int attempt, @Nullable ParsedAlert alert) {

    /** The alert as the dashboard sees it, once stored with {@code id} at {@code createdAt}. */
    AlertMessage message(EventStore.NewAlert stored) {
        return new AlertMessage(
                stored.id(),
                event.id(),
                event.sourceId(),
                event.eventSourceId(),
                event.source(),
                event.sourceName(),
                event.eventType(),
                alert.title(),
                alert.message(),
                alert.severity().wire(),
                alert.metadata(),
                false,
                stored.createdAt(),
                AlertMessage.OPEN,
                null,
                null,
                null,
                null);
    }
}
