-- The audit log: one row per change made through the admin API, written in the transaction of the change, so a change
-- and its row commit together or not at all. before/after are the resource's public view (as the API shows it: never
-- a secret), null where there is none (nothing before a create, nothing after a delete). Rows are only ever inserted,
-- and deleted by the retention job after opscenter.retention.audit-period.
CREATE TABLE audit_log (
    id            BIGSERIAL PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor         TEXT        NOT NULL,
    action        TEXT        NOT NULL,
    resource_type TEXT        NOT NULL,
    resource_id   TEXT,
    resource_name TEXT,
    before        JSONB,
    after         JSONB
);

-- the primary key serves newest-first keyset paging (id < :before ORDER BY id DESC); this one the history of one
-- resource, newest first
CREATE INDEX audit_log_by_resource ON audit_log (resource_type, resource_id, id DESC);
-- retention deletes by age
CREATE INDEX audit_log_by_time ON audit_log (at);
