-- A manual retry gives a failed delivery a fresh set of attempts while its attempt log keeps numbering on: the
-- attempts counted when it was last retried by hand.
ALTER TABLE deliveries ADD COLUMN attempts_before_retry INT NOT NULL DEFAULT 0;
