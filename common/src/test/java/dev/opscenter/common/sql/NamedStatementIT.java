package dev.opscenter.common.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.vocabulary.ChannelType;
import io.micronaut.core.annotation.Introspected;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Named parameters bind, and rows map to records, against real PostgreSQL. */
class NamedStatementIT {
    private static final TestEnvironment ENV = TestEnvironment.create();

    @Introspected
    record Row(
            long id,
            String name,
            ChannelType channelType,
            Instant createdAt,
            Long parentId,
            List<Object> tags,
            byte[] raw,
            boolean active,
            UUID token) {}

    @AfterAll
    static void drop() {
        ENV.close();
    }

    private static <T> List<T> query(String sql, Params params, Class<T> type) throws SQLException {
        try (Connection c = ENV.connection();
                PreparedStatement s = NamedSql.prepare(c, sql, params);
                ResultSet rows = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(Rows.of(type).map(rows));
            }
            return out;
        }
    }

    @Test
    void bindsByNameAndMapsEveryComponent() throws SQLException {
        Instant at = Instant.parse("2026-12-02T10:15:30.123456Z");
        UUID token = UUID.randomUUID();

        List<Row> rows = query(
                """
                SELECT CAST(:id AS bigint) AS id, :name AS name, :type AS channel_type,
                       CAST(:at AS timestamptz) AS created_at, CAST(:parent AS bigint) AS parent_id,
                       CAST(:tags AS text[]) AS tags, CAST(:raw AS bytea) AS raw, :active AS active, :token AS token""",
                Params.of("id", 7L)
                        .and("name", "ops")
                        .and("type", ChannelType.SLACK)
                        .and("at", at)
                        .and("parent", null)
                        .and("tags", Params.texts(List.of("a", "b")))
                        .and("raw", "{}".getBytes(StandardCharsets.UTF_8))
                        .and("active", true)
                        .and("token", token),
                Row.class);

        Row row = rows.getFirst();
        assertEquals(7L, row.id());
        assertEquals("ops", row.name());
        assertEquals(ChannelType.SLACK, row.channelType());
        assertEquals(at, row.createdAt());
        assertNull(row.parentId());
        assertEquals(List.of("a", "b"), row.tags());
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), row.raw());
        assertEquals(true, row.active());
        assertEquals(token, row.token());
    }

    @Test
    void aRepeatedNameAndAnArrayBindEveryMarker() throws SQLException {
        List<Long> found = query(
                "SELECT v FROM unnest(:ids) AS v WHERE v > :min AND v < :min + 10 ORDER BY v",
                Params.of("ids", Params.bigints(List.of(1L, 5L, 12L, 20L))).and("min", 3L),
                Long.class);

        assertEquals(List.of(5L, 12L), found);
    }

    @Test
    void aMissingValueIsRefusedBeforeTheStatementRuns() {
        assertThrows(IllegalArgumentException.class, () -> query("SELECT :a + :b", Params.of("a", 1L), Long.class));
    }

    @Test
    void anUnusedValueIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> query("SELECT :a", Params.of("a", 1L).and("typo", 2L), Long.class));
    }

    @Test
    void aNullInAPrimitiveComponentIsAnError() {
        assertThrows(IllegalStateException.class, () -> query("""
                        SELECT NULL::bigint AS id, 'n' AS name, 'slack' AS channel_type, now() AS created_at,
                               NULL::bigint AS parent_id, NULL::text[] AS tags, NULL::bytea AS raw,
                               true AS active, NULL::uuid AS token""", Params.NONE, Row.class));
    }

    @Test
    void anUnknownWireNameIsAnError() {
        assertThrows(
                IllegalArgumentException.class,
                () -> query("SELECT :t", Params.of("t", "carrier-pigeon"), ChannelType.class));
    }
}
