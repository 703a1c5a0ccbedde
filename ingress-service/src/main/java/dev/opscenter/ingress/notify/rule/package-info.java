/**
 * Notification rules: which events ({@link dev.opscenter.common.notify.RuleMatch}) notify whom through which
 * channel and template; admin CRUD under /api/notification-rules and a dry-run against recent stored events. The
 * worker evaluates the same rules when it processes an event.
 */
package dev.opscenter.ingress.notify.rule;
