/**
 * Slack through an incoming webhook: the channel secret is the webhook URL; the message becomes Block Kit JSON
 * (header, body sections, source/severity context) with a plain-text fallback.
 */
package dev.opscenter.worker.notify.channel.slack;
