package dev.opscenter.ingress.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.TestEnvironment;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With Redis unreachable, failures are still counted, on this replica alone: the limit fails open to a local one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureCountsIT {
    private final TestEnvironment env = TestEnvironment.create();
    private ApplicationContext context;

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>(env.properties());
        properties.put("redis.uri", "redis://127.0.0.1:1"); // nothing listens there
        context = ApplicationContext.run(properties, "test");
    }

    @AfterAll
    void stop() {
        context.close();
        env.close();
    }

    @Test
    void countsLocallyWhileRedisIsDown() {
        FailureCounts counts = context.getBean(FailureCounts.class);

        List<Long> seen = IntStream.range(0, 3)
                .mapToObj(i -> counts.add("203.0.113.7").failures())
                .toList();

        assertEquals(List.of(1L, 2L, 3L), seen);
    }
}
