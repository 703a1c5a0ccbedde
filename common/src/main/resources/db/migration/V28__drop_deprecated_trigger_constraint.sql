-- Contract step of V26 and V27, for clusters where no replica older than V27 is left (docs/operations.md, "Upgrades
-- and migrations"). Replicas of V27 keep working through it: they name webhook_events_trigger_key in ON CONFLICT, and
-- read the entry id beside the event first.
--
-- 1. The unique constraint over every row, deprecated by V27: each row version of every webhook added an entry to it
--    (three per event: the insert, the worker's claim and its completion), and nothing looks it up any more.
ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_trigger_id;

-- 2. Entry ids that replicas older than V26 wrote on unfinished events' rows, after V26 moved the others beside them:
--    from this version on nothing reads the column, so they move too (an event that kept its id only on its row
--    would look never enqueued to the sweeper, and be appended to the stream a second time).
INSERT INTO webhook_event_entries (event_id, stream_entry_id)
SELECT id, stream_entry_id FROM webhook_events
 WHERE stream_entry_id IS NOT NULL AND status IN ('pending', 'processing')
ON CONFLICT (event_id) DO NOTHING;

-- The column itself goes in the next release's migration: replicas of V27, still running during this rolling update,
-- read it in their sweeper and clear it in a requeue.
COMMENT ON COLUMN webhook_events.stream_entry_id IS
    'Deprecated (V26), unused since V28: nothing reads or writes it; the next release drops it.';
