/**
 * Load generators run against a live platform; they print figures rather than assert them.
 * {@link dev.opscenter.bench.IngressLoad} posts signed webhooks to ingress and times each alert's arrival on the realtime socket.
 */
package dev.opscenter.bench;
