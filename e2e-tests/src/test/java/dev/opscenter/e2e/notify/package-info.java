/**
 * End-to-end tests of notifications: a triggered event in at ingress (API key), matched by a rule in the worker,
 * signed and POSTed by the webhook channel to a receiver the test runs, and listed in the notification log.
 */
package dev.opscenter.e2e.notify;
