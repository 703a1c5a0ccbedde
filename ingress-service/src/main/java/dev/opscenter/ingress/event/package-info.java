/**
 * Events: the webhook endpoint ({@link dev.opscenter.ingress.event.WebhookController}) and the trigger endpoint hand
 * each verified request to the one {@link dev.opscenter.ingress.event.EventRecorder}, which commits it in PostgreSQL
 * (or finds the event it repeats); its id then goes on the Redis events stream for the worker. The sweeper
 * re-enqueues what never got processed; the admin API lists, shows and replays events.
 */
package dev.opscenter.ingress.event;
