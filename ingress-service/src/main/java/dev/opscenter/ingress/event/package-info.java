/**
 * Webhook events: the receiving endpoint ({@link dev.opscenter.ingress.event.WebhookController}) records each verified
 * request in PostgreSQL and enqueues its id on the Redis events stream for the worker; the sweeper re-enqueues what
 * never got processed; the admin API lists, shows and replays events.
 */
package dev.opscenter.ingress.event;
