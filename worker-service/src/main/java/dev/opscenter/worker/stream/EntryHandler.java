package dev.opscenter.worker.stream;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.worker.alert.EventProcessor;
import dev.opscenter.worker.alert.Outcome;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EntryHandler processes one events-stream entry and acknowledges it once its outcome is durable. An exception
 * (PostgreSQL unreachable) leaves the entry unacknowledged; the claimer hands it out again after the idle time.
 */
@Singleton
final class EntryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EntryHandler.class);

    private final EventProcessor processor;
    private final RetryQueue retries;
    private final RedisKeys keys;
    private final MeterRegistry meters;

    EntryHandler(EventProcessor processor, RetryQueue retries, RedisKeys keys, MeterRegistry meters) {
        this.processor = processor;
        this.retries = retries;
        this.keys = keys;
        this.meters = meters;
    }

    void handle(RedisCommands<String, String> redis, StreamMessage<String, String> entry) {
        long eventId;
        try {
            eventId = Long.parseLong(entry.getBody().get(RedisKeys.EVENT_ID_FIELD));
        } catch (RuntimeException e) {
            // not ours to fix: an entry without an event id can never succeed, so it must not block the stream
            LOG.error("dropping malformed stream entry {}: {}", entry.getId(), entry.getBody());
            redis.xack(keys.events(), RedisKeys.WORKERS_GROUP, entry.getId());
            return;
        }
        Outcome outcome = processor.process(eventId);
        if (outcome instanceof Outcome.RetryLater retry) {
            retries.schedule(redis, eventId, retry.due());
        }
        redis.xack(keys.events(), RedisKeys.WORKERS_GROUP, entry.getId());
        meters.counter("opscenter.worker.events", "outcome", outcome.getClass().getSimpleName().toLowerCase()).increment();
    }
}
