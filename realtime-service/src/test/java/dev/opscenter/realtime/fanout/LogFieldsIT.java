package dev.opscenter.realtime.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opscenter.common.testing.JsonLogs;
import dev.opscenter.realtime.AlertPublisher;
import dev.opscenter.realtime.LiveClient;
import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With the default configuration: a live message's lines carry its feed id as a JSON field; tracing is off. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogFieldsIT extends RealtimeIT {
    static final Duration DEADLINE = Duration.ofSeconds(10);

    @Inject
    ApplicationContext context;

    @Test
    void aLiveMessagesLinesCarryItsFeedId() throws Exception {
        try (JsonLogs logs = JsonLogs.capture(LiveSubscription.class.getName());
                LiveClient client = connect("/ws")) {
            await().atMost(DEADLINE)
                    .until(() ->
                            meters.get("opscenter.realtime.sessions").gauge().value() >= 1);
            String id = new AlertPublisher(redis, keys, json).publish("logged").id();
            await().atMost(DEADLINE).until(() -> client.alertIds(json).contains(id));

            Map<String, Object> line = await().atMost(DEADLINE)
                    .until(() -> logs.line("live alert message broadcast"), l -> l.isPresent())
                    .orElseThrow();
            assertEquals(id, line.get("feed_id"));
        }
    }

    @Test
    void tracingIsOffByDefault() {
        assertFalse(context.containsBean(OpenTelemetry.class));
    }
}
