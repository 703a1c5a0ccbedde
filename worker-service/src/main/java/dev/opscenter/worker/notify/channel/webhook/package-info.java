/**
 * Outbound webhooks: the alert or event document POSTed as JSON to a URL, signed the Standard Webhooks way
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) with the channel's {@code whsec_} secret.
 */
package dev.opscenter.worker.notify.channel.webhook;
