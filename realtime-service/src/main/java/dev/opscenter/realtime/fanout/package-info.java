/**
 * The one Redis pub/sub subscription of this instance: every message the worker publishes on the live channel is
 * handed, as received, to every open socket.
 */
package dev.opscenter.realtime.fanout;
