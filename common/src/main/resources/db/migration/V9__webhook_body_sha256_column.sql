-- The replay window's body hash becomes a column the ingress fills (SHA-256 of the raw body, computed in Java while
-- the request is in hand), replacing V4's expression index on sha256(raw_body): PostgreSQL recomputed that hash over
-- the detoasted body on every non-HOT update of an event row (each claim and completion by the worker, each entry id
-- recorded), about 16 µs per update. Only rows a replay window can still reach are hashed here (a window is at most
-- 7 days): rewriting every stored event would lock and bloat a large table for nothing.
ALTER TABLE webhook_events ADD COLUMN body_sha256 BYTEA;
UPDATE webhook_events SET body_sha256 = sha256(raw_body)
 WHERE source_id IS NOT NULL AND received_at >= now() - interval '7 days';
CREATE INDEX webhook_events_body_sha256 ON webhook_events (source_id, body_sha256) WHERE source_id IS NOT NULL;
DROP INDEX webhook_events_body_hash;
