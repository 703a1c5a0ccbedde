-- Webhooks refused for their signature, kept so operators can see why a provider's deliveries fail: the scheme the
-- source expects, the signature header it saw (cut to 200 characters), the timestamp skew. Never the body: only its
-- size and SHA-256. Ingress keeps a sample (at most opscenter.webhooks.rejections.per-minute rows per source per
-- replica); unrecorded_before counts the source's rejections not kept since the row before. Retention deletes old rows.
CREATE TABLE rejected_webhooks (
    id                BIGSERIAL PRIMARY KEY,
    source_id         BIGINT      NOT NULL REFERENCES webhook_sources (id) ON DELETE CASCADE,
    received_at       TIMESTAMPTZ NOT NULL,
    reason            TEXT        NOT NULL,
    detail            TEXT        NOT NULL,
    scheme            TEXT        NOT NULL,
    header_name       TEXT        NOT NULL,
    header_value      TEXT,
    skew_seconds      BIGINT,
    client_ip         TEXT,
    body_bytes        INT         NOT NULL,
    body_sha256       BYTEA       NOT NULL,
    unrecorded_before INT         NOT NULL DEFAULT 0
);

CREATE INDEX rejected_webhooks_by_source ON rejected_webhooks (source_id, id DESC);
CREATE INDEX rejected_webhooks_by_time ON rejected_webhooks (received_at);
