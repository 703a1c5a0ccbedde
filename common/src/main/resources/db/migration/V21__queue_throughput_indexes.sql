-- The queues view (GET /api/queues) counts the events processed and the notifications sent in the last minutes; these
-- indexes let those counts read only the last minutes' rows. Delivery attempts already have one (V15).
CREATE INDEX webhook_events_processed ON webhook_events (processed_at) WHERE processed_at IS NOT NULL;
CREATE INDEX notification_logs_sent ON notification_logs (sent_at) WHERE sent_at IS NOT NULL;
