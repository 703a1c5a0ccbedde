/**
 * Outbound destination guard: which addresses channels may reach (no loopback, private, link-local, multicast or
 * unspecified addresses unless allow-listed), checked on literal hosts when a channel is saved and on every resolved
 * address right before a connection is made.
 */
package dev.opscenter.common.net;
