package dev.opscenter.worker.metrics;

import dev.opscenter.common.redis.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StreamGauges samples the work streams on a schedule and shows the cached values as gauges, so a scrape never waits
 * on Redis. When Redis fails, each stream keeps its last good values, {@code opscenter_stream_redis_up} drops to 0
 * and {@code opscenter_stream_sample_age_seconds} keeps growing: a dashboard or alert sees the numbers are stale.
 */
@Singleton
final class StreamGauges {
    private static final Logger LOG = LoggerFactory.getLogger(StreamGauges.class);

    private final StreamProbe probe;
    private final Clock clock;
    private final Map<WorkStream, AtomicReference<StreamSample>> samples = new LinkedHashMap<>();
    private final AtomicBoolean redisUp = new AtomicBoolean(false);
    private final AtomicLong lastGoodMillis;

    @Inject
    StreamGauges(StreamProbe probe, RedisKeys keys, Clock clock, MeterRegistry meters) {
        this(
                probe,
                List.of(
                        new WorkStream("events", keys.events(), RedisKeys.WORKERS_GROUP),
                        new WorkStream("notifications", keys.notifications(), RedisKeys.NOTIFIERS_GROUP),
                        new WorkStream("deliveries", keys.deliveries(), RedisKeys.RELAYS_GROUP)),
                clock,
                meters);
    }

    StreamGauges(StreamProbe probe, List<WorkStream> streams, Clock clock, MeterRegistry meters) {
        this.probe = probe;
        this.clock = clock;
        // until the first good sample, the age counts from start-up
        this.lastGoodMillis = new AtomicLong(clock.millis());
        for (WorkStream stream : streams) {
            AtomicReference<StreamSample> sample = new AtomicReference<>(StreamSample.EMPTY);
            samples.put(stream, sample);
            Tags streamTag = Tags.of("stream", stream.name());
            Tags groupTags = streamTag.and("group", stream.group());
            gauge(
                    meters,
                    "opscenter.stream.length",
                    "Entries in the stream (XLEN)",
                    streamTag,
                    sample,
                    StreamSample::length);
            gauge(
                    meters,
                    "opscenter.stream.lag",
                    "Entries not yet delivered to the group",
                    groupTags,
                    sample,
                    StreamSample::lag);
            gauge(
                    meters,
                    "opscenter.stream.pending",
                    "Entries delivered and not yet acknowledged",
                    groupTags,
                    sample,
                    StreamSample::pending);
            gauge(
                    meters,
                    "opscenter.stream.oldest.pending.seconds",
                    "Age of the oldest pending entry (0 when none)",
                    groupTags,
                    sample,
                    StreamSample::oldestPendingSeconds);
            gauge(
                    meters,
                    "opscenter.stream.consumers",
                    "Consumers the group knows",
                    groupTags,
                    sample,
                    StreamSample::consumers);
        }
        Gauge.builder("opscenter.stream.redis.up", redisUp, up -> up.get() ? 1 : 0)
                .description("1 when the last stream sample reached Redis, else 0 (the stream gauges are stale)")
                .register(meters);
        Gauge.builder(
                        "opscenter.stream.sample.age.seconds",
                        lastGoodMillis,
                        last -> Math.max(0, this.clock.millis() - last.get()) / 1000.0)
                .description("Seconds since the stream gauges were last sampled successfully")
                .register(meters);
    }

    private static void gauge(
            MeterRegistry meters,
            String name,
            String description,
            Tags tags,
            AtomicReference<StreamSample> sample,
            ToDoubleFunction<StreamSample> value) {
        Gauge.builder(name, sample, s -> value.applyAsDouble(s.get()))
                .description(description)
                .tags(tags)
                .register(meters);
    }

    /** Reads every stream; a failure keeps that stream's last good values and marks the sample stale. */
    @Scheduled(fixedDelay = "${opscenter.metrics.stream-sample-interval}")
    void sample() {
        boolean allRead = true;
        for (Map.Entry<WorkStream, AtomicReference<StreamSample>> entry : samples.entrySet()) {
            try {
                entry.getValue().set(probe.sample(entry.getKey()));
            } catch (RuntimeException e) {
                allRead = false;
                LOG.debug("sampling stream {} failed: {}", entry.getKey().name(), e.toString());
            }
        }
        if (allRead) {
            lastGoodMillis.set(clock.millis());
        } else if (redisUp.get()) {
            LOG.warn("stream gauges could not read Redis; they show the last good values until it answers again");
        }
        redisUp.set(allRead);
    }
}
