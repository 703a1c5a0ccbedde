-- ANALYZE (autovacuum's, once a minute per database under load) samples up to 30,000 rows of a table and builds
-- statistics for every column. For these columns it sorted and compared thousands of kilobyte-sized values (the raw
-- body, the headers, a triggered event's payload, the signature, an alert's metadata) that no query ever filters,
-- joins or groups on: they are read by primary key only. Leaving them out of the statistics took ANALYZE of a
-- 200,000-event webhook_events from 0.86-1.14 s to 0.53-0.60 s, and of its alerts from 0.39-0.79 s to 0.30-0.33 s
-- (docs/benchmarks.md, "The 500/s tail, third look"), CPU taken from the pipeline on a busy machine. Queries that do
-- filter (status, source, delivery id, body hash, times) keep theirs.
ALTER TABLE webhook_events
    ALTER COLUMN raw_body SET STATISTICS 0,
    ALTER COLUMN headers SET STATISTICS 0,
    ALTER COLUMN payload SET STATISTICS 0,
    ALTER COLUMN signature SET STATISTICS 0;

ALTER TABLE alerts
    ALTER COLUMN metadata SET STATISTICS 0;
