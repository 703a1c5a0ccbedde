/**
 * Webhook sources: who may send, with which secret (encrypted at rest) and signature scheme. For the webhook path it
 * finds a source ({@link dev.opscenter.ingress.source.SourceCache}), verifies a request's signature
 * ({@link dev.opscenter.ingress.source.SignatureVerifier}) and reads its event type and delivery id where the
 * source's provider puts them ({@link dev.opscenter.ingress.source.EventIdentity}); admins manage sources here.
 */
package dev.opscenter.ingress.source;
