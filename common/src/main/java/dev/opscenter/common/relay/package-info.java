/**
 * The relay's contract shared by ingress (the subscriptions and deliveries API) and the worker (which creates and
 * sends deliveries): the delivery row as REST and the live socket show it, and the relayed body and its signatures.
 */
package dev.opscenter.common.relay;
