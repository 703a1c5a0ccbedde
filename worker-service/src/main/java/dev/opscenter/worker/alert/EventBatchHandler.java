package dev.opscenter.worker.alert;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.trace.StreamTrace;
import dev.opscenter.worker.stream.RetryQueue;
import dev.opscenter.worker.stream.StreamReaders;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBatchHandler processes the entries of one events-stream read as one batch and, once every outcome is durable,
 * schedules the retries and acknowledges all the entries in one XACK. An exception (PostgreSQL unreachable) leaves the
 * batch unacknowledged; the claimer hands it out again after the idle time. While tracing is on, each event gets a
 * {@code process event} span, the child of the request that stored it when its entry carries that trace context, and
 * its live message carries the span on to realtime.
 */
@Singleton
final class EventBatchHandler implements StreamReaders.BatchHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventBatchHandler.class);

    private final EventProcessor processor;
    private final RetryQueue retries;
    private final RedisKeys keys;
    private final MeterRegistry meters;
    private final StreamTrace trace;

    EventBatchHandler(
            EventProcessor processor, RetryQueue retries, RedisKeys keys, MeterRegistry meters, StreamTrace trace) {
        this.trace = trace;
        this.processor = processor;
        this.retries = retries;
        this.keys = keys;
        this.meters = meters;
    }

    @Override
    public void handle(RedisCommands<String, String> redis, List<StreamMessage<String, String>> entries) {
        if (!trace.enabled()) {
            handle(redis, entries, Map.of());
            return;
        }
        Map<Long, Span> spans = new HashMap<>();
        for (StreamMessage<String, String> entry : entries) {
            eventId(entry)
                    .ifPresent(id -> spans.computeIfAbsent(
                            id,
                            first -> trace.start(
                                            "process event",
                                            SpanKind.CONSUMER,
                                            entry.getBody().get(StreamTrace.TRACEPARENT))
                                    .setAttribute("opscenter.event_id", first)));
        }
        try {
            handle(redis, entries, spans);
        } catch (RuntimeException | Error e) { // NOPMD: recorded on the spans, then handled as before
            spans.values().forEach(span -> span.recordException(e).setStatus(StatusCode.ERROR));
            throw e;
        } finally {
            spans.values().forEach(Span::end);
        }
    }

    private void handle(
            RedisCommands<String, String> redis, List<StreamMessage<String, String>> entries, Map<Long, Span> spans) {
        List<String> acknowledge = new ArrayList<>(entries.size());
        Map<Long, Integer> entriesPerEvent = new LinkedHashMap<>();
        for (StreamMessage<String, String> entry : entries) {
            acknowledge.add(entry.getId());
            Optional<Long> id = eventId(entry);
            if (id.isPresent()) {
                entriesPerEvent.merge(id.get(), 1, Integer::sum);
            } else {
                // not ours to fix: an entry without an event id can never succeed, so it must not block the stream
                LOG.error("dropping malformed stream entry {}: {}", entry.getId(), entry.getBody());
            }
        }
        List<Outcome> outcomes = entriesPerEvent.isEmpty()
                ? List.of()
                : processor.process(
                        new ArrayList<>(entriesPerEvent.keySet()),
                        id -> spans.containsKey(id) ? trace.of(spans.get(id)) : null);
        Map<Long, Instant> due = new HashMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.RetryLater retry) {
                due.put(retry.eventId(), retry.due());
            }
        }
        retries.schedule(redis, keys.eventRetries(), due);
        redis.xack(keys.events(), RedisKeys.WORKERS_GROUP, acknowledge.toArray(String[]::new));
        for (Outcome outcome : outcomes) {
            Span span = spans.get(outcome.eventId());
            if (span != null) {
                span.setAttribute("opscenter.outcome", label(outcome));
                if (outcome instanceof Outcome.Failed || outcome instanceof Outcome.RetryLater) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            count(label(outcome), 1);
            // a second entry of the same event in one batch is a redelivery, as it would be in a later batch
            count("skipped", entriesPerEvent.get(outcome.eventId()) - 1);
        }
    }

    /** The event id an entry carries; empty for a malformed entry. */
    private static Optional<Long> eventId(StreamMessage<String, String> entry) {
        try {
            return Optional.of(Long.parseLong(entry.getBody().get(RedisKeys.EVENT_ID_FIELD)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The {@code outcome} tag of {@code opscenter_worker_events_total} (docs/operations.md). */
    static String label(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Processed p -> "processed";
            case Outcome.Skipped s -> "skipped";
            case Outcome.RetryLater r -> "retrylater";
            case Outcome.Failed f -> "failed";
        };
    }

    private void count(String outcome, int entries) {
        if (entries > 0) {
            meters.counter("opscenter.worker.events", "outcome", outcome).increment(entries);
        }
    }
}
