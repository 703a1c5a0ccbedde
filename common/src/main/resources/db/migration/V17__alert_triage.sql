-- Triage of alerts: open -> acknowledged (who, when) -> resolved (who, when); reopen clears both. Every existing alert
-- starts open. The column default is stored in the catalogue (no table rewrite); the check is added NOT VALID and then
-- validated, which reads the table without blocking writes.
ALTER TABLE alerts
    ADD COLUMN state           TEXT NOT NULL DEFAULT 'open',
    ADD COLUMN acknowledged_at TIMESTAMPTZ,
    ADD COLUMN acknowledged_by TEXT,
    ADD COLUMN resolved_at     TIMESTAMPTZ,
    ADD COLUMN resolved_by     TEXT;

ALTER TABLE alerts ADD CONSTRAINT alerts_state_known
    CHECK (state IN ('open', 'acknowledged', 'resolved')) NOT VALID;
ALTER TABLE alerts VALIDATE CONSTRAINT alerts_state_known;

-- open criticals (pinned in the console) and the state filter of the alert list
CREATE INDEX alerts_open_by_severity ON alerts (severity, id DESC) WHERE state = 'open';
