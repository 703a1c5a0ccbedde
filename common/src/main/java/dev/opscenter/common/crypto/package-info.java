/** Symmetric crypto for secrets at rest (AES-GCM) and HMAC primitives with constant-time comparison. */
package dev.opscenter.common.crypto;
