/**
 * Channels: where notifications are delivered (email, Slack, Telegram, SMS, webhook), each with its type's
 * settings and a secret encrypted at rest; admin CRUD under /api/channels. The worker's senders read these rows.
 */
package dev.opscenter.ingress.notify.channel;
