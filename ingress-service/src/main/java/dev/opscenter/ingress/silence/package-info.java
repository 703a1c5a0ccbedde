/**
 * Silences under {@code /api/silences}: matchers and an expiry that mute notifications for matching alerts (the
 * worker's notification planner reads them); created, edited and expired here, kept as the record afterwards.
 */
package dev.opscenter.ingress.silence;
