/** Who sent a request: the socket peer, or the address a configured trusted proxy forwarded for. */
package dev.opscenter.ingress.client;
