/**
 * Notification logic both ingress (rule dry-run, template preview) and the worker (sending) run: event type
 * patterns, rule conditions and {@code {{path}}} templates, all evaluated against one context of maps and lists
 * (shape in {@link dev.opscenter.common.notify.ContextPath}). Pure functions: no I/O, no configuration.
 */
package dev.opscenter.common.notify;
