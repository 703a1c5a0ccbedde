/** Checks a webhook's signature with its source's scheme, and reads its event type and delivery id. */
package dev.opscenter.ingress.verify;
