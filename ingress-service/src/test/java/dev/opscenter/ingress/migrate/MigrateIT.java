package dev.opscenter.ingress.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrate against real PostgreSQL: an empty schema gets every migration once, and a current one is left alone. */
class MigrateIT {
    private TestEnvironment env;

    @BeforeEach
    void freshSchema() {
        env = TestEnvironment.create();
    }

    @AfterEach
    void dropSchema() {
        env.close();
    }

    @Test
    void migratesAnEmptySchemaToTheLatestVersion() throws SQLException {
        Migrate.Outcome outcome = Migrate.migrate(target());

        Migrate.Outcome.Migrated migrated = assertInstanceOf(Migrate.Outcome.Migrated.class, outcome);
        List<String> versions = appliedVersions();
        assertEquals(versions.size(), migrated.applied());
        assertEquals(versions.getLast(), migrated.version());
        assertTrue(tableExists("webhook_events"), "the first migration's table");
    }

    /** V25: ANALYZE leaves out the wide columns read by key only, and keeps the ones queries filter on. */
    @Test
    void leavesTheWideColumnsOutOfTheStatistics() throws SQLException {
        Migrate.migrate(target());

        Map<String, String> targets = pairs("SELECT cl.relname || '.' || a.attname, COALESCE(a.attstattarget, -1)"
                + " FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = cl.relnamespace"
                + " WHERE n.nspname = '" + env.schema() + "' AND cl.relname IN ('webhook_events', 'alerts')"
                + " AND a.attname IN ('raw_body', 'headers', 'payload', 'signature', 'metadata', 'status',"
                + " 'delivery_id', 'severity')");

        assertEquals(
                Map.of(
                        "alerts.metadata", "0",
                        "alerts.severity", "-1",
                        "webhook_events.delivery_id", "-1",
                        "webhook_events.headers", "0",
                        "webhook_events.payload", "0",
                        "webhook_events.raw_body", "0",
                        "webhook_events.signature", "0",
                        "webhook_events.status", "-1"),
                targets);
    }

    /** V26: the entry ids an earlier version wrote on unfinished events move beside them; finished ones stay behind. */
    @Test
    void movesTheEntryIdsOfUnfinishedEventsBesideThem() throws SQLException {
        eventsWithEntryIdsOnTheirRows(
                "25",
                "(1, 'pending', '1700000000000-0'), (2, 'processing', '1700000000000-1'),"
                        + " (3, 'processed', '1700000000000-2'), (4, 'pending', NULL)");

        Migrate.migrate(target());

        Map<String, String> entries = pairs("SELECT event_id, stream_entry_id FROM webhook_event_entries");
        assertEquals(Map.of("1", "1700000000000-0", "2", "1700000000000-1"), entries);
    }

    /**
     * V28: an unfinished event whose entry id an older version left on its row gets it beside the event (nothing reads
     * the row's column any more); an id already beside an event stays.
     */
    @Test
    void movesTheLastEntryIdsOffTheRows() throws SQLException {
        eventsWithEntryIdsOnTheirRows(
                "27",
                "(1, 'pending', '1700000000000-0'), (2, 'processed', '1700000000000-1'),"
                        + " (3, 'processing', '1700000000000-2')");
        sql("INSERT INTO webhook_event_entries (event_id, stream_entry_id) VALUES (3, '1700000000001-0')");

        Migrate.migrate(target());

        assertEquals(
                Map.of("1", "1700000000000-0", "3", "1700000000001-0"),
                pairs("SELECT event_id, stream_entry_id FROM webhook_event_entries"),
                "the pending event's id moves; the processed one's is not needed; an id beside an event wins");
    }

    /**
     * Migrates to {@code version}, then stores a GitHub source and its events as an earlier version wrote them, with
     * their stream entry ids on their rows; {@code rows} are SQL tuples {@code (id, status, entry id)}.
     */
    private void eventsWithEntryIdsOnTheirRows(String version, String rows) throws SQLException {
        org.flywaydb.core.Flyway.configure()
                .dataSource(env.jdbcUrl(), env.user(), env.password())
                .locations(Migrate.LOCATION)
                .target(version)
                .load()
                .migrate();
        sql(
                "INSERT INTO webhook_sources (name, slug, kind, secret_encrypted) VALUES ('gh', 'gh', 'github', '\\x00')",
                "INSERT INTO webhook_events (id, source_id, event_type, raw_body, status, stream_entry_id)"
                        + " OVERRIDING SYSTEM VALUE SELECT v.id, s.id, 'push', '{}', v.status, v.entry"
                        + " FROM webhook_sources s, (VALUES " + rows + ") AS v(id, status, entry)");
    }

    /**
     * V27: the replay key and the triggered events' key index only the rows they are looked up for, so a webhook of a
     * source without a replay window adds an entry to neither.
     */
    @Test
    void keysIndexOnlyTheRowsTheyAreLookedUpFor() throws SQLException {
        Migrate.migrate(target());

        Map<String, String> indexes = new TreeMap<>();
        pairs("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '" + env.schema()
                        + "' AND tablename = 'webhook_events' AND indexname IN ('webhook_events_body_sha256',"
                        + " 'webhook_events_replay_key', 'webhook_events_trigger_key')")
                .forEach((name, definition) -> indexes.put(name, definition.replace(env.schema() + ".", "")));

        assertEquals(
                Map.of(
                        "webhook_events_replay_key",
                        "CREATE INDEX webhook_events_replay_key ON webhook_events USING btree (source_id, body_sha256)"
                                + " WHERE (body_sha256 IS NOT NULL)",
                        "webhook_events_trigger_key",
                        "CREATE UNIQUE INDEX webhook_events_trigger_key ON webhook_events USING btree"
                                + " (event_source_id, delivery_id) WHERE (event_source_id IS NOT NULL)"),
                indexes);
    }

    /** The rows of a two-column query, first column to second, both as text. */
    private Map<String, String> pairs(String query) throws SQLException {
        Map<String, String> pairs = new TreeMap<>();
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                pairs.put(rows.getString(1), rows.getString(2));
            }
        }
        return pairs;
    }

    @Test
    void leavesACurrentSchemaUnchanged() throws SQLException {
        Migrate.migrate(target());
        List<String> before = appliedVersions();

        Migrate.Outcome again = Migrate.migrate(target());

        assertEquals(0, assertInstanceOf(Migrate.Outcome.Migrated.class, again).applied());
        assertEquals(before, appliedVersions());
    }

    /**
     * The roles docs/operations.md tells an administrator to create ("The DDL user"), on this test's schema: the Job's
     * user owns and migrates it; the services' user then reads and writes rows but cannot change the schema.
     */
    @Test
    void theDocumentedOwnerMigratesAndTheServicesUserGetsRowsOnly() throws SQLException {
        String suffix = env.schema().substring(2);
        String owner = "ddl_" + suffix;
        String app = "app_" + suffix;
        String schema = env.schema();
        try {
            sql(
                    "CREATE ROLE " + owner + " LOGIN",
                    "CREATE ROLE " + app + " LOGIN",
                    "GRANT CREATE, USAGE ON SCHEMA " + schema + " TO " + owner,
                    "GRANT USAGE ON SCHEMA " + schema + " TO " + app,
                    "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema
                            + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app,
                    "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema
                            + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + app);

            assertInstanceOf(
                    Migrate.Outcome.Migrated.class, Migrate.migrate(new Migrate.Target(env.jdbcUrl(), owner, "")));

            try (Connection c = DriverManager.getConnection(env.jdbcUrl(), app, "");
                    Statement s = c.createStatement()) {
                s.execute("INSERT INTO event_sources (name) VALUES ('rows.only')");
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM event_sources WHERE name = 'rows.only'")) {
                    r.next();
                    assertEquals(1, r.getInt(1), "the services' user writes and reads rows");
                }
                SQLException create = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE sneaky (i int)"));
                assertEquals("42501", create.getSQLState(), "no CREATE on the schema: " + create.getMessage());
                SQLException drop = assertThrows(SQLException.class, () -> s.execute("DROP TABLE alerts"));
                assertEquals("42501", drop.getSQLState(), "not the owner: " + drop.getMessage());
            }
        } finally {
            env.close(); // drops the schema and what is in it first, so the roles own nothing
            sql("DROP OWNED BY " + app + ", " + owner, "DROP ROLE " + app, "DROP ROLE " + owner);
            env = TestEnvironment.create(); // for @AfterEach
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void failsWithoutReachingTheDatabase() {
        Migrate.Outcome outcome = Migrate.migrate(new Migrate.Target(env.jdbcUrl(), "no_such_role_here", "x"));

        assertInstanceOf(Migrate.Outcome.Failed.class, outcome);
    }

    @Test
    void readsTheServicesDatabaseVariables() {
        Map<String, String> vars =
                Map.of("DATABASE_URL", "jdbc:postgresql://db/x", "DATABASE_USER", "ddl", "DATABASE_PASSWORD", "pw");

        assertEquals(
                new Migrate.Target("jdbc:postgresql://db/x", "ddl", "pw"),
                Migrate.Target.fromEnvironment(vars).orElseThrow());
        assertTrue(Migrate.Target.fromEnvironment(Map.of()).isEmpty(), "no URL, no target");
    }

    private Migrate.Target target() {
        return new Migrate.Target(env.jdbcUrl(), env.user(), env.password());
    }

    private List<String> appliedVersions() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                // the schema-creation row has no version
                ResultSet rows = s.executeQuery("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                        + " AND success ORDER BY installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                        + env.schema() + "' AND table_name = '" + table + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }
}
