-- The relay: subscriptions receive the events themselves (not notification envelopes), signed, retried and logged.

CREATE TABLE subscriptions (
    id                         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                       TEXT        NOT NULL UNIQUE,
    description                TEXT,
    -- patterns matched against the event type: exact names, 'order.*', '*'
    event_types                TEXT[]      NOT NULL CHECK (cardinality(event_types) > 0),
    -- only events of this provider source, when set
    source_id                  BIGINT REFERENCES webhook_sources (id) ON DELETE CASCADE,
    url                        TEXT        NOT NULL,
    secret_encrypted           BYTEA       NOT NULL,
    -- the secret before the last rotation, still signed with until it expires
    previous_secret_encrypted  BYTEA,
    previous_secret_expires_at TIMESTAMPTZ,
    -- name of the header carrying the plain base64 HMAC-SHA256 of the body
    signature_header           TEXT        NOT NULL DEFAULT 'X-OpsCenter-Signature',
    headers                    JSONB       NOT NULL DEFAULT '{}',
    rate_limit_per_second      INT CHECK (rate_limit_per_second > 0),
    -- the rule condition tree, applied to the event's context; null passes every event
    conditions                 JSONB,
    is_active                  BOOLEAN     NOT NULL DEFAULT true,
    -- why the relay turned it off (sustained failures); null when a user did, or it is on
    disabled_reason            TEXT,
    created_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                 TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_active ON subscriptions (id) WHERE is_active;

-- One delivery per event and subscription, whatever happens to the event's processing.
CREATE TABLE deliveries (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         BIGINT      NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    subscription_id  BIGINT      NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    status           TEXT        NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'sending', 'succeeded', 'failed')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    last_error       TEXT,
    delivered_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT deliveries_once UNIQUE (event_id, subscription_id)
);
CREATE INDEX deliveries_subscription ON deliveries (subscription_id, id DESC);
CREATE INDEX deliveries_status ON deliveries (status, id DESC);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');

-- Every attempt of a delivery, as the receiver answered it.
CREATE TABLE delivery_attempts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   BIGINT      NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt       INT         NOT NULL,
    attempted_at  TIMESTAMPTZ NOT NULL,
    status_code   INT,
    latency_ms    INT,
    -- the first 2 KB of the response body
    response_body TEXT,
    error         TEXT,
    CONSTRAINT delivery_attempts_once UNIQUE (delivery_id, attempt)
);
