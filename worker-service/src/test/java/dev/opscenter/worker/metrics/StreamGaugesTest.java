package dev.opscenter.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.MutableClock;
import io.lettuce.core.RedisConnectionException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When Redis stops answering, the stream gauges keep their last good values and say they are stale. */
class StreamGaugesTest {
    private final MutableClock clock = new MutableClock();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<StreamSample> answer = new AtomicReference<>();
    private final StreamGauges gauges = new StreamGauges(
            new StreamProbe(null, clock) {
                @Override
                StreamSample sample(WorkStream stream) {
                    StreamSample sample = answer.get();
                    if (sample == null) {
                        throw new RedisConnectionException("Unable to connect");
                    }
                    return sample;
                }
            },
            List.of(new WorkStream("events", "opscenter:events", "workers")),
            clock,
            meters);

    @Test
    void redisFailureKeepsTheLastGoodValuesAndMarksThemStale() {
        answer.set(new StreamSample(7, 5, 2, 12.5, 4));
        gauges.sample();
        assertEquals(1.0, gauge("opscenter.stream.redis.up"));

        answer.set(null);
        clock.advance(Duration.ofSeconds(30));
        gauges.sample();

        assertEquals(0.0, gauge("opscenter.stream.redis.up"));
        assertTrue(gauge("opscenter.stream.sample.age.seconds") >= 30, "age of the last good sample grows");
        assertEquals(7.0, gauge("opscenter.stream.length"));
        assertEquals(5.0, gauge("opscenter.stream.lag"));
        assertEquals(2.0, gauge("opscenter.stream.pending"));
        assertEquals(12.5, gauge("opscenter.stream.oldest.pending.seconds"));
        assertEquals(4.0, gauge("opscenter.stream.consumers"));
    }

    @Test
    void redisDownFromStartShowsZerosNotNaN() {
        clock.advance(Duration.ofSeconds(10));
        gauges.sample();

        assertEquals(0.0, gauge("opscenter.stream.redis.up"));
        assertEquals(0.0, gauge("opscenter.stream.length"));
        assertEquals(0.0, gauge("opscenter.stream.oldest.pending.seconds"));
        assertTrue(gauge("opscenter.stream.sample.age.seconds") >= 10, "counted from start-up");
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
