package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.sql.Json;
import dev.opscenter.worker.parse.AlertParsers;
import dev.opscenter.worker.parse.InboundEvent;
import dev.opscenter.worker.parse.ParsedAlert;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * AlertDrafter turns a claimed event into the alert to store: parsed by its source kind, given the severity its event
 * source is configured with, and bounded by {@link AlertLimits}. It touches neither the database nor Redis.
 */
@Singleton
final class AlertDrafter {
    private final AlertParsers parsers;
    private final AlertLimits limits;
    private final JsonMapper json;

    AlertDrafter(AlertParsers parsers, AlertLimits limits, JsonMapper json) {
        this.parsers = parsers;
        this.limits = limits;
        this.json = json;
    }

    /** The draft of the event's attempt; throws what the parser throws for a payload it cannot turn into an alert. */
    Draft draft(StoredEvent event, int attempt) {
        ParsedAlert alert =
                event.alerting() ? limits.apply(severityOverride(event, parsers.parse(inbound(event)))) : null;
        return new Draft(event, attempt, alert);
    }

    /** A triggered event's alert takes the severity its event source is configured with. */
    private static ParsedAlert severityOverride(StoredEvent event, ParsedAlert parsed) {
        if (event.eventSourceId() == null || event.alertSeverity() == null) {
            return parsed;
        }
        return new ParsedAlert(
                parsed.title(), parsed.message(), Severity.parse(event.alertSeverity()), parsed.metadata());
    }

    private InboundEvent inbound(StoredEvent e) {
        JsonNode payload = null;
        if (e.payloadJson() != null) {
            try {
                payload = json.readValue(e.payloadJson(), JsonNode.class);
            } catch (IOException ex) {
                throw new IllegalStateException("stored payload is not JSON", ex);
            }
        }
        Map<String, String> headers = Json.readMap(json, e.headersJson()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, x -> String.valueOf(x.getValue())));
        return new InboundEvent(
                e.id(), e.kind(), e.source(), e.sourceName(), e.eventType(), payload, e.rawBody(), headers);
    }
}
