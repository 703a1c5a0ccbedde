-- The events-stream entry that last carried each event: the sweeper compares it with the workers group's read
-- position and re-enqueues only events whose entry is gone (never added, trimmed), not those waiting their turn.
ALTER TABLE webhook_events ADD COLUMN stream_entry_id TEXT;
