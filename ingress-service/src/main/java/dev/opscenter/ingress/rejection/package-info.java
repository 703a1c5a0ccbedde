/**
 * Webhooks refused for their signature, kept as a rate-limited sample with why they failed (the scheme expected, the
 * header seen, the timestamp skew) and listed per source under {@code /api/sources/{id}/rejections}. Fed by the webhook
 * controller on each 401; read by operators finding out why a provider's deliveries fail.
 */
package dev.opscenter.ingress.rejection;
