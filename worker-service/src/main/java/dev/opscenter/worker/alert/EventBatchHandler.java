package dev.opscenter.worker.alert;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.worker.stream.RetryQueue;
import dev.opscenter.worker.stream.StreamReaders;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBatchHandler processes the entries of one events-stream read as one batch and, once every outcome is durable,
 * schedules the retries and acknowledges all the entries in one XACK. An exception (PostgreSQL unreachable) leaves the
 * batch unacknowledged; the claimer hands it out again after the idle time.
 */
@Singleton
final class EventBatchHandler implements StreamReaders.BatchHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventBatchHandler.class);

    private final EventProcessor processor;
    private final RetryQueue retries;
    private final RedisKeys keys;
    private final MeterRegistry meters;

    EventBatchHandler(EventProcessor processor, RetryQueue retries, RedisKeys keys, MeterRegistry meters) {
        this.processor = processor;
        this.retries = retries;
        this.keys = keys;
        this.meters = meters;
    }

    @Override
    public void handle(RedisCommands<String, String> redis, List<StreamMessage<String, String>> entries) {
        List<String> acknowledge = new ArrayList<>(entries.size());
        Map<Long, Integer> entriesPerEvent = new LinkedHashMap<>();
        for (StreamMessage<String, String> entry : entries) {
            acknowledge.add(entry.getId());
            try {
                entriesPerEvent.merge(Long.parseLong(entry.getBody().get(RedisKeys.EVENT_ID_FIELD)), 1, Integer::sum);
            } catch (RuntimeException e) {
                // not ours to fix: an entry without an event id can never succeed, so it must not block the stream
                LOG.error("dropping malformed stream entry {}: {}", entry.getId(), entry.getBody());
            }
        }
        List<Outcome> outcomes =
                entriesPerEvent.isEmpty() ? List.of() : processor.process(new ArrayList<>(entriesPerEvent.keySet()));
        Map<Long, Instant> due = new HashMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.RetryLater retry) {
                due.put(retry.eventId(), retry.due());
            }
        }
        retries.schedule(redis, keys.eventRetries(), due);
        redis.xack(keys.events(), RedisKeys.WORKERS_GROUP, acknowledge.toArray(String[]::new));
        for (Outcome outcome : outcomes) {
            count(label(outcome), 1);
            // a second entry of the same event in one batch is a redelivery, as it would be in a later batch
            count("skipped", entriesPerEvent.get(outcome.eventId()) - 1);
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
