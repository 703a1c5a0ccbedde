-- The throttle decides in one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), and RETURNING sees only the
-- new row: when a window ends and the count starts again from zero, the row keeps what the closing message reports.
ALTER TABLE notification_throttles ADD COLUMN suppressed_before INT NOT NULL DEFAULT 0;
