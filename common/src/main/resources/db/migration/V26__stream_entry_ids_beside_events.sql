-- The stream entry id of each enqueued event moves out of its webhook_events row into a narrow table of its own.
-- Writing it into the row was a second version of a ~1 KB row per event, right after the insert: with the pages full,
-- most of those updates could not stay on the page (HOT) and added an entry to each of the table's ten indexes, and a
-- dead version for vacuum. A row here is ~60 bytes and one index entry. Measured with pgbench (a batch of 8 events
-- inserted, then their entry ids written, as the ingress does): the machine's CPU per event fell from 259-266 µs to
-- 192-213 µs; the ingress alone spent 250-264 µs of PostgreSQL CPU per webhook instead of 374 µs (docs/benchmarks.md,
-- "Entry ids beside the events").
--
-- No foreign key: its check would lock the event row (FOR KEY SHARE) and wait for a worker holding it, which the
-- write-back must never do. Retention deletes an event's row here with the event. A finished event's row is kept
-- until then; nothing reads it.
CREATE TABLE webhook_event_entries (
    event_id        BIGINT PRIMARY KEY,
    stream_entry_id TEXT   NOT NULL
);

INSERT INTO webhook_event_entries (event_id, stream_entry_id)
SELECT id, stream_entry_id FROM webhook_events
 WHERE stream_entry_id IS NOT NULL AND status IN ('pending', 'processing');

-- webhook_events.stream_entry_id stays for one release: replicas still running the previous version write it during
-- a rolling update, and the sweeper reads it where this table has no row yet. A later migration drops it.
COMMENT ON COLUMN webhook_events.stream_entry_id IS
    'Deprecated (V26): written by versions before V26 only; the entry id is in webhook_event_entries.';
