/**
 * The dashboard's live socket, {@code GET /ws?ticket=…[&since=…]}: admits the upgrade (a single-use ticket from
 * ingress, or the admin token as a bearer header), replays what a reconnecting client missed, then writes every live
 * message from the fan-out and a periodic heartbeat, and closes sockets that stop reading.
 */
package dev.opscenter.realtime.socket;
