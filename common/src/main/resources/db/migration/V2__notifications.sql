-- Internally triggered events, API keys, and notifications: channels, templates, recipient groups, rules, logs.

-- Event sources: named events internal services trigger through POST /api/events.
CREATE TABLE event_sources (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           TEXT        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,99}$'),
    description    TEXT,
    -- JSON Schema the payload must satisfy (null: any JSON object)
    payload_schema JSONB,
    is_active      BOOLEAN     NOT NULL DEFAULT TRUE,
    -- whether a triggered event also raises an alert, and with which severity
    raises_alert   BOOLEAN     NOT NULL DEFAULT FALSE,
    alert_severity TEXT        CHECK (alert_severity IN ('info', 'warning', 'error', 'critical')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (NOT raises_alert OR alert_severity IS NOT NULL)
);

-- API keys for internal services: shown once, stored as SHA-256 (keys are 256-bit random, not passwords).
CREATE TABLE api_keys (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT        NOT NULL,
    -- first characters of the key, shown in lists so people can tell keys apart
    prefix       TEXT        NOT NULL,
    key_hash     BYTEA       NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);

-- A stored event comes either from a webhook source or from an event source.
ALTER TABLE webhook_events ALTER COLUMN source_id DROP NOT NULL;
ALTER TABLE webhook_events ADD COLUMN event_source_id BIGINT REFERENCES event_sources (id);
ALTER TABLE webhook_events ADD COLUMN api_key_id BIGINT REFERENCES api_keys (id);
ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_one_origin CHECK (num_nonnulls(source_id, event_source_id) = 1);
ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_trigger_id UNIQUE (event_source_id, delivery_id);
CREATE INDEX webhook_events_event_source ON webhook_events (event_source_id, id DESC) WHERE event_source_id IS NOT NULL;

ALTER TABLE alerts ALTER COLUMN source_id DROP NOT NULL;
ALTER TABLE alerts ADD COLUMN event_source_id BIGINT REFERENCES event_sources (id);

-- Channels: where notifications go. Secrets (tokens, webhook URLs, signing secrets) are AES-GCM encrypted.
CREATE TABLE channels (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             TEXT        NOT NULL UNIQUE,
    type             TEXT        NOT NULL CHECK (type IN ('email', 'slack', 'telegram', 'sms', 'webhook')),
    config           JSONB       NOT NULL DEFAULT '{}'::jsonb,
    secret_encrypted BYTEA,
    is_active        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE notification_templates (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT        NOT NULL UNIQUE,
    channel_type TEXT        NOT NULL CHECK (channel_type IN ('email', 'slack', 'telegram', 'sms', 'webhook')),
    subject      TEXT,
    body         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE recipient_groups (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE recipient_group_members (
    group_id  BIGINT NOT NULL REFERENCES recipient_groups (id) ON DELETE CASCADE,
    recipient TEXT   NOT NULL,
    PRIMARY KEY (group_id, recipient)
);

CREATE TABLE notification_rules (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               TEXT        NOT NULL UNIQUE,
    is_active          BOOLEAN     NOT NULL DEFAULT TRUE,
    -- what it matches: a webhook source or an event source (neither: any), an event type pattern with * wildcards,
    -- a minimum alert severity, and JSON conditions {"all"|"any": [{"path","op","value"}…]}
    source_id          BIGINT REFERENCES webhook_sources (id),
    event_source_id    BIGINT REFERENCES event_sources (id),
    event_type_pattern TEXT,
    min_severity       TEXT CHECK (min_severity IN ('info', 'warning', 'error', 'critical')),
    conditions         JSONB,
    -- where it sends
    channel_id         BIGINT      NOT NULL REFERENCES channels (id),
    template_id        BIGINT REFERENCES notification_templates (id),
    recipients         TEXT[]      NOT NULL DEFAULT '{}',
    recipient_field    TEXT,
    recipient_group_id BIGINT REFERENCES recipient_groups (id),
    -- throttling: messages with the same rendered group key within the window are suppressed and counted
    group_key          TEXT,
    throttle_seconds   INT CHECK (throttle_seconds IS NULL OR throttle_seconds > 0),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(source_id, event_source_id) <= 1)
);

CREATE TABLE notification_logs (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        BIGINT      NOT NULL REFERENCES webhook_events (id),
    alert_id        BIGINT REFERENCES alerts (id),
    rule_id         BIGINT      NOT NULL REFERENCES notification_rules (id),
    channel_id      BIGINT      NOT NULL REFERENCES channels (id),
    channel_type    TEXT        NOT NULL,
    recipient       TEXT        NOT NULL,
    subject         TEXT,
    body            TEXT        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'suppressed')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    last_error      TEXT,
    response_code   INT,
    -- repeats suppressed by throttling since the previous message of the group, reported in this one
    suppressed_count INT        NOT NULL DEFAULT 0,
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- a redelivered event never creates a second notification for the same rule and recipient
    CONSTRAINT notification_logs_once UNIQUE (event_id, rule_id, recipient)
);
CREATE INDEX notification_logs_status ON notification_logs (status, id DESC);
CREATE INDEX notification_logs_rule ON notification_logs (rule_id, id DESC);
CREATE INDEX notification_logs_channel ON notification_logs (channel_id, id DESC);
CREATE INDEX notification_logs_due ON notification_logs (next_attempt_at) WHERE status IN ('pending', 'sending');

-- Throttle state per rule and rendered group key.
CREATE TABLE notification_throttles (
    rule_id        BIGINT      NOT NULL REFERENCES notification_rules (id) ON DELETE CASCADE,
    group_key      TEXT        NOT NULL,
    last_sent_at   TIMESTAMPTZ NOT NULL,
    suppressed     INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (rule_id, group_key)
);

-- Fan-out of one event to a large recipient group, created in chunks; progress is visible through the API.
CREATE TABLE notification_fanouts (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       BIGINT      NOT NULL REFERENCES webhook_events (id),
    rule_id        BIGINT      NOT NULL REFERENCES notification_rules (id),
    group_id       BIGINT      NOT NULL REFERENCES recipient_groups (id),
    total          INT         NOT NULL,
    created        INT         NOT NULL DEFAULT 0,
    -- last recipient handled: chunks resume after it
    cursor         TEXT,
    status         TEXT        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (event_id, rule_id)
);
