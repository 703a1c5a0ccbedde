-- Silences: while one is in force (starts_at <= now < ends_at) no notification is sent for an alert it matches. Every
-- matcher that is set must hold: the source (webhook source slug or event source name), the event type (a rule's
-- glob), the severity (one of a list), a text found in the title or message (case-insensitive). At least one is set.
-- Expiring one sets ends_at to now; rows stay as the record of what was silenced and by whom.
CREATE TABLE silences (
    id          BIGSERIAL PRIMARY KEY,
    source      TEXT,
    event_type  TEXT,
    severities  TEXT[],
    text        TEXT,
    comment     TEXT        NOT NULL,
    created_by  TEXT        NOT NULL,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT silences_end_after_start CHECK (ends_at > starts_at),
    CONSTRAINT silences_match_something
        CHECK (source IS NOT NULL OR event_type IS NOT NULL OR severities IS NOT NULL OR text IS NOT NULL)
);

CREATE INDEX silences_by_end ON silences (ends_at);
