-- Contract step of V26, for clusters where no replica older than V27 is left (docs/operations.md, "Upgrades and
-- migrations"). Entry ids that replicas older than V26 wrote on unfinished events' rows, after V26 moved the others
-- beside them, move too: from this version on nothing reads webhook_events.stream_entry_id (an event that kept its id
-- only on its row would look never enqueued to the sweeper, and be appended to the stream a second time).
INSERT INTO webhook_event_entries (event_id, stream_entry_id)
SELECT id, stream_entry_id FROM webhook_events
 WHERE stream_entry_id IS NOT NULL AND status IN ('pending', 'processing')
ON CONFLICT (event_id) DO NOTHING;

-- The column goes in the next release's migration: replicas of V27, still running during this rolling update, read it
-- in their sweeper and clear it in a requeue.
COMMENT ON COLUMN webhook_events.stream_entry_id IS
    'Deprecated (V26), unused since V28: nothing reads or writes it; the next release drops it.';

-- The constraint webhook_events_trigger_id (deprecated by V27) stays one more release as well: the relay's endpoint
-- guard of V27 names (event_source_id, delivery_id) in ON CONFLICT without a predicate, which only a unique key over
-- all rows answers. From V28 on every insert names webhook_events_trigger_key with its predicate.
