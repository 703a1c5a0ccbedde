-- Two of webhook_events' indexes took an entry from every webhook that nothing ever looks up. Each row version that
-- cannot stay on its page (the insert, and the worker's claim and completion, which change the indexed status) adds
-- an entry to every index, so each such index cost three entries per event.
--
-- 1. The replay window's key: body_sha256 is now stored only for the events of sources that keep a window
--    (settings.dedupeWindow), and indexed only where it is stored. Sources keep no window unless one is set, so
--    most webhooks skip the hash and the entry. A window set later covers the events received from then on.
--    ReplayGuard's lookup (source_id = ? AND body_sha256 = ?) can use this index; so can the previous version's,
--    which still stores the hash for every webhook during a rolling update.
CREATE INDEX webhook_events_replay_key ON webhook_events (source_id, body_sha256) WHERE body_sha256 IS NOT NULL;
DROP INDEX webhook_events_body_sha256;

-- 2. The triggered events' unique key: a unique constraint indexes every row, and a webhook's row has no event source,
--    so each webhook added (NULL, delivery id) to it. This unique index holds only triggered events; the ingress
--    names it in ON CONFLICT with its predicate (EventRecorder.conflictTarget).
--    The constraint webhook_events_trigger_id stays for one release: the previous version's ON CONFLICT names the
--    key without a predicate, which only a unique index over all rows answers. A later migration drops it, and with
--    it the entry each webhook still adds.
CREATE UNIQUE INDEX webhook_events_trigger_key ON webhook_events (event_source_id, delivery_id)
    WHERE event_source_id IS NOT NULL;
COMMENT ON CONSTRAINT webhook_events_trigger_id ON webhook_events IS
    'Deprecated (V27): kept for versions before V27 only; webhook_events_trigger_key is the key.';
