-- When an alert reached the live channel and feed. A worker that dies between storing an alert and publishing it
-- leaves this null; the republisher finds such alerts and publishes them (idempotently) later.
ALTER TABLE alerts ADD COLUMN published_at TIMESTAMPTZ;
UPDATE alerts SET published_at = created_at;
CREATE INDEX alerts_unpublished ON alerts (created_at) WHERE published_at IS NULL;
