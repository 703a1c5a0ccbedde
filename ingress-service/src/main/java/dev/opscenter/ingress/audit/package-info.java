/**
 * The audit log: every change made through the admin API recorded with who made it, what it was and the resource
 * before and after ({@link dev.opscenter.ingress.audit.AuditTrail}, written by the controllers in the transaction of
 * the change), and {@code GET /api/audit} listing it newest first.
 */
package dev.opscenter.ingress.audit;
