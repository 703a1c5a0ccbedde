/**
 * Load generators run against a live platform; they print figures rather than assert them.
 * {@link dev.opscenter.bench.IngressLoad} posts signed webhooks to ingress and times each alert's arrival on the realtime socket.
 * {@link dev.opscenter.bench.FanoutHeap} sends one alert to a large recipient group and samples the worker's heap meanwhile.
 * {@link dev.opscenter.bench.DrainRate} stores a backlog of events and times the worker draining it.
 */
package dev.opscenter.bench;
