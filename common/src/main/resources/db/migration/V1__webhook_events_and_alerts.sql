-- Webhook sources, the events they send, and the alerts the worker derives from them.

CREATE TABLE webhook_sources (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             TEXT        NOT NULL,
    slug             TEXT        NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    kind             TEXT        NOT NULL CHECK (kind IN ('github', 'stripe', 'standard', 'generic')),
    -- AES-GCM: version byte || 12-byte nonce || ciphertext+tag, key from OPSCENTER_SECRET_KEY
    secret_encrypted BYTEA       NOT NULL,
    settings         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    is_active        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- soft delete keeps the audit trail of the source's events; the slug is free again
    deleted_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX webhook_sources_live_slug ON webhook_sources (slug) WHERE deleted_at IS NULL;

CREATE TABLE webhook_events (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id             BIGINT      NOT NULL REFERENCES webhook_sources (id),
    event_type            TEXT,
    delivery_id           TEXT,
    -- the body exactly as received (signatures are over these bytes) and, for JSON, its parsed form
    raw_body              BYTEA       NOT NULL,
    payload               JSONB,
    content_type          TEXT,
    headers               JSONB       NOT NULL DEFAULT '{}'::jsonb,
    signature             TEXT,
    client_ip             TEXT,
    status                TEXT        NOT NULL DEFAULT 'pending'
                                      CHECK (status IN ('pending', 'processing', 'processed', 'failed')),
    attempts              INT         NOT NULL DEFAULT 0,
    error                 TEXT,
    received_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    processing_started_at TIMESTAMPTZ,
    processed_at          TIMESTAMPTZ,
    -- when the sweeper may enqueue the event again if it is still unfinished; null once finished
    next_sweep_at         TIMESTAMPTZ,
    sweeps                INT         NOT NULL DEFAULT 0,
    CONSTRAINT webhook_events_delivery UNIQUE (source_id, delivery_id)
);
CREATE INDEX webhook_events_source ON webhook_events (source_id, id DESC);
CREATE INDEX webhook_events_status ON webhook_events (status, id DESC);
CREATE INDEX webhook_events_received ON webhook_events (received_at);
CREATE INDEX webhook_events_sweep ON webhook_events (next_sweep_at) WHERE next_sweep_at IS NOT NULL;

CREATE TABLE alerts (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- one alert per event: a redelivered event finds its alert already there
    event_id   BIGINT      NOT NULL UNIQUE REFERENCES webhook_events (id),
    source_id  BIGINT      NOT NULL REFERENCES webhook_sources (id),
    event_type TEXT,
    title      TEXT        NOT NULL,
    message    TEXT        NOT NULL,
    severity   TEXT        NOT NULL CHECK (severity IN ('info', 'warning', 'error', 'critical')),
    metadata   JSONB       NOT NULL DEFAULT '{}'::jsonb,
    is_read    BOOLEAN     NOT NULL DEFAULT FALSE,
    read_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX alerts_severity ON alerts (severity, id DESC);
CREATE INDEX alerts_unread ON alerts (id DESC) WHERE NOT is_read;
CREATE INDEX alerts_created ON alerts (created_at);
