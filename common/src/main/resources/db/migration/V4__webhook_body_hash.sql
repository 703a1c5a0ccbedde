-- Per-source replay window (webhook_sources.settings.dedupeWindow): a body already received from the same source
-- within the window is answered as a duplicate of the first event. The hash is computed by PostgreSQL on insert
-- through this expression index, so storing an event needs no extra column or code; building it hashes existing rows
-- once (it blocks writes to webhook_events while it builds).
CREATE INDEX webhook_events_body_hash ON webhook_events (source_id, sha256(raw_body)) WHERE source_id IS NOT NULL;
