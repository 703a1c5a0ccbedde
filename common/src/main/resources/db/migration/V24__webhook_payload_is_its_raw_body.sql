-- A webhook's JSON payload is its raw body, byte for byte; V1 stored it a second time, parsed into payload (jsonb).
-- PostgreSQL parsed 7 KB of JSON per webhook for that copy, and compressed and logged it, though every reader of a
-- webhook's payload (the worker, the events API, rule dry-runs) can read the raw body as the JSON text. From now on a
-- webhook's JSON is marked here and its payload column stays null; rows stored before keep theirs. A triggered event
-- still keeps its payload there: its raw body is the whole request, the payload one field of it.
ALTER TABLE webhook_events ADD COLUMN body_is_json BOOLEAN NOT NULL DEFAULT false;
