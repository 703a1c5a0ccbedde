/**
 * Turns a stored webhook event into an alert: one parser per provider kind (GitHub, Stripe, Standard Webhooks,
 * generic JSON), chosen by {@link dev.opscenter.worker.parse.AlertParsers}. Events come from the worker's stream
 * consumer; the resulting {@link dev.opscenter.worker.parse.ParsedAlert} is stored and published by the alert stage.
 * Pure logic: no I/O, no clock.
 */
package dev.opscenter.worker.parse;
