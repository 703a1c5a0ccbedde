package dev.opscenter.worker.alert;

import static dev.opscenter.worker.alert.WorkerFixture.fixture;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opscenter.common.log.LogFields;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.JsonLogs;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.trace.StreamTrace;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.worker.stream.StreamReaders;
import io.lettuce.core.StreamMessage;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * With the default configuration: the lines written while an event or a notification/delivery row is handled carry
 * its ids as JSON fields, none of them outlives the work, and with tracing off no live message carries trace context.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogFieldsIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @Inject
    RedisKeys keys;

    @Inject
    JsonMapper json;

    WorkerFixture worker;
    long githubSource;

    @Override
    public Map<String, String> getProperties() {
        return ENV.properties();
    }

    @BeforeAll
    void connect() throws SQLException {
        worker = new WorkerFixture(ENV, keys, json);
        githubSource = worker.rows.source("Logged gh", "logged-gh", SourceKind.GITHUB);
    }

    @AfterAll
    void drop() {
        worker.close();
        ENV.close();
    }

    @Test
    void aFailedAttemptIsLoggedWithTheEventsIdAndSource() throws SQLException {
        try (JsonLogs logs = JsonLogs.capture()) {
            long eventId = worker.rows.event(githubSource, "push", "[\"not\", \"an\", \"object\"]");
            worker.enqueue(eventId);

            Map<String, Object> line = await().atMost(DEADLINE)
                    .until(() -> logs.line("event " + eventId + " attempt 1 failed"), l -> l.isPresent())
                    .orElseThrow();
            assertEquals(Long.toString(eventId), line.get("event_id"));
            assertEquals("logged-gh", line.get("source"));
        }
    }

    @Test
    void aRowsIdIsOnTheLinesItsHandlerWritesAndGoneAfterwards() {
        AtomicReference<String> afterwards = new AtomicReference<>("unset");
        StreamReaders.EntryHandler handler = StreamReaders.eachRow(
                keys.notifications(),
                RedisKeys.NOTIFIERS_GROUP,
                LogFields.NOTIFICATION_ID,
                (redis, id) -> LoggerFactory.getLogger(LogFieldsIT.class).info("handling row {}", id));
        try (JsonLogs logs = JsonLogs.capture()) {
            handler.handle(
                    worker.redis,
                    new StreamMessage<>(keys.notifications(), "1-1", Map.of(RedisKeys.EVENT_ID_FIELD, "77")));
            afterwards.set(MDC.get(LogFields.NOTIFICATION_ID));

            assertEquals("77", logs.line("handling row 77").orElseThrow().get("notification_id"));
        }
        assertNull(afterwards.get(), "the field is removed once the row is handled");
    }

    @Test
    void withTracingOffALiveMessageCarriesNoTraceContext() throws SQLException {
        long eventId = worker.rows.event(githubSource, "ping", fixture("ping.json"));
        worker.enqueue(eventId);

        await().atMost(DEADLINE).until(() -> worker.publishedFor(eventId).size() == 1);
        assertFalse(worker.publishedFor(eventId).get(0).containsKey(StreamTrace.TRACEPARENT));
    }
}
