/**
 * Triggered events: internal services call {@code POST /api/events} with an API key and the name of an event source;
 * the payload is checked against the source's JSON Schema, stored like a webhook and enqueued on the same Redis stream
 * for the worker. Admins manage event sources and API keys (shown once, stored as SHA-256) here.
 */
package dev.opscenter.ingress.trigger;
