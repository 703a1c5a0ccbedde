-- Users of the console. Roles: admin (everything), operator (acts on alerts, events, deliveries, silences), viewer
-- (reads). Names are lowercase so that "Ana" and "ana" are one user. The password is an Argon2id hash in PHC string
-- format; a disabled user keeps its row (audit and triage name it) but cannot sign in, and its sessions are deleted.
CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    username       TEXT        NOT NULL,
    display_name   TEXT,
    role           TEXT        NOT NULL,
    password_hash  TEXT        NOT NULL,
    disabled       BOOLEAN     NOT NULL DEFAULT false,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_login_at  TIMESTAMPTZ,
    CONSTRAINT users_role CHECK (role IN ('admin', 'operator', 'viewer')),
    CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{0,63}$')
);

CREATE UNIQUE INDEX users_by_username ON users (username);

-- Signed-in browsers. The cookie holds 32 random bytes; only their SHA-256 is stored, so a read of this table opens no
-- session. A session ends at expires_at (absolute) or after the idle timeout since last_seen_at, whichever is first.
CREATE TABLE user_sessions (
    token_hash    BYTEA       PRIMARY KEY,
    user_id       BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX user_sessions_by_user ON user_sessions (user_id);
CREATE INDEX user_sessions_by_expiry ON user_sessions (expires_at);
