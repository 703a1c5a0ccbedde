-- Endpoint protection of the relay: a circuit breaker per subscription and the sustained-failure clock that disables
-- it. Kept on the subscription row and updated in the transaction that records each attempt, so replicas agree.
ALTER TABLE subscriptions
    -- failed attempts since the last success (rate-limit and breaker deferrals are not attempts)
    ADD COLUMN consecutive_failures INT NOT NULL DEFAULT 0,
    -- the first failed attempt since the last success; null while the endpoint answers
    ADD COLUMN failing_since TIMESTAMPTZ,
    -- the breaker is open until then (a probe in flight holds it until its send deadline); null: closed
    ADD COLUMN breaker_open_until TIMESTAMPTZ,
    -- times it opened since it last closed: each reopening doubles the cool-down
    ADD COLUMN breaker_opens INT NOT NULL DEFAULT 0;

-- A subscription switched back on by a user starts afresh: breaker closed, failure clock stopped.
CREATE FUNCTION subscriptions_reactivated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.consecutive_failures := 0;
    NEW.failing_since := NULL;
    NEW.breaker_open_until := NULL;
    NEW.breaker_opens := 0;
    RETURN NEW;
END $$;
CREATE TRIGGER subscriptions_reactivated BEFORE UPDATE OF is_active ON subscriptions
    FOR EACH ROW WHEN (NEW.is_active AND NOT OLD.is_active) EXECUTE FUNCTION subscriptions_reactivated();

-- The event the relay records when it disables a failing subscription; it raises an error alert like any triggered
-- event whose source raises alerts (turn the source off to record none).
INSERT INTO event_sources (name, description, raises_alert, alert_severity)
VALUES ('opscenter.subscription.disabled',
        'Recorded by the relay when a subscription failed every delivery attempt for the disable-after period and was switched off.',
        true, 'error')
ON CONFLICT (name) DO NOTHING;
