/**
 * Webhook signature schemes (GitHub, Stripe, Standard Webhooks, generic HMAC). Ingress verifies inbound
 * requests with them; the worker signs outbound deliveries with {@link dev.opscenter.common.signature.StandardWebhooks}.
 */
package dev.opscenter.common.signature;
