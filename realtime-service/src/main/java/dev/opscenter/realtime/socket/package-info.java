/**
 * The dashboard's live socket, {@code GET /ws?token=…[&since=…]}: authenticates the upgrade, replays what a
 * reconnecting client missed, then writes every live message from the fan-out and a periodic heartbeat, and closes
 * sockets that stop reading.
 */
package dev.opscenter.realtime.socket;
