/** Webhook sources: who may send, with which signature scheme and secret (encrypted at rest); admin CRUD and dev seeds. */
package dev.opscenter.ingress.source;
