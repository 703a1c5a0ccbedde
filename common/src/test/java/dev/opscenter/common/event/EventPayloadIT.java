package dev.opscenter.common.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opscenter.common.sql.NamedSql;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each way an event's payload has been stored reads back as its payload text, against real PostgreSQL. */
class EventPayloadIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    /** Keys out of jsonb's order and no spaces, so the raw body's text and a jsonb copy's text differ. */
    private static final String JSON = "{\"beta\":1,\"a\":[true]}";

    private static long webhookSource;
    private static long eventSource;

    @BeforeAll
    static void migrate() throws SQLException {
        Flyway.configure()
                .dataSource(ENV.jdbcUrl(), ENV.user(), ENV.password())
                .schemas(ENV.schema())
                .load()
                .migrate();
        webhookSource = id("""
                INSERT INTO webhook_sources (name, slug, kind, secret_encrypted)
                VALUES ('GitHub', 'gh', 'github', '\\x00') RETURNING id""", Params.NONE);
        eventSource = id("INSERT INTO event_sources (name) VALUES ('deploys') RETURNING id", Params.NONE);
    }

    @AfterAll
    static void drop() {
        ENV.close();
    }

    @Test
    void aWebhooksJsonIsItsRawBody() throws SQLException {
        long event = store(webhookSource, null, JSON, null, true);

        assertEquals(JSON, read(event, EventPayload.COLUMNS).text());
        assertEquals(JSON, read(event, EventPayload.COLUMNS_WITH_RAW_BODY).text());
    }

    @Test
    void aWebhookStoredBeforeV24IsReadFromItsRawBodyNotItsJsonbCopy() throws SQLException {
        long event = store(webhookSource, null, JSON, JSON, false);

        assertEquals(JSON, read(event, EventPayload.COLUMNS).text());
        assertEquals(JSON, read(event, EventPayload.COLUMNS_WITH_RAW_BODY).text());
    }

    @Test
    void aTriggeredEventsPayloadIsItsJsonbNotTheRequest() throws SQLException {
        String request = "{\"event_id\":\"e-1\",\"payload\":" + JSON + "}";
        long event = store(null, eventSource, request, JSON, false);

        assertEquals(
                "{\"a\": [true], \"beta\": 1}",
                read(event, EventPayload.COLUMNS).text());
        assertNull(read(event, EventPayload.COLUMNS).rawBody(), "the request is not fetched for the payload");
        assertArrayEquals(
                bytes(request), read(event, EventPayload.COLUMNS_WITH_RAW_BODY).rawBody());
    }

    @Test
    void aWebhookWhoseBodyIsNotJsonHasNoPayloadText() throws SQLException {
        long event = store(webhookSource, null, "a=1&b=2", null, false);

        assertNull(read(event, EventPayload.COLUMNS).text());
        assertNull(read(event, EventPayload.COLUMNS).rawBody(), "the body is not fetched for the payload");
        EventPayload withBody = read(event, EventPayload.COLUMNS_WITH_RAW_BODY);
        assertNull(withBody.text());
        assertArrayEquals(bytes("a=1&b=2"), withBody.rawBody());
    }

    private static long store(Long source, Long triggeredBy, String rawBody, String jsonbCopy, boolean bodyIsJson)
            throws SQLException {
        return id(
                """
                INSERT INTO webhook_events (source_id, event_source_id, event_type, raw_body, payload, body_is_json)
                VALUES (:source, :event_source, 'test', :raw_body, CAST(:payload AS jsonb), :body_is_json)
                RETURNING id""",
                Params.of("source", source)
                        .and("event_source", triggeredBy)
                        .and("raw_body", bytes(rawBody))
                        .and("payload", jsonbCopy)
                        .and("body_is_json", bodyIsJson));
    }

    private static EventPayload read(long event, String columns) throws SQLException {
        try (Connection c = ENV.connection();
                PreparedStatement s = NamedSql.prepare(
                        c, "SELECT " + columns + "FROM webhook_events e WHERE e.id = :id", Params.of("id", event));
                ResultSet r = s.executeQuery()) {
            r.next();
            return EventPayload.read(r);
        }
    }

    private static long id(String sql, Params params) throws SQLException {
        try (Connection c = ENV.connection();
                PreparedStatement s = NamedSql.prepare(c, sql, params);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
