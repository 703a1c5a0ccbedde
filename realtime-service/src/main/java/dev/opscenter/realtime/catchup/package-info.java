/**
 * Reads the capped feed stream the worker appends every live message to, so a reconnecting socket receives what
 * it missed after the last feed id it saw ({@code since}) before it receives live messages again.
 */
package dev.opscenter.realtime.catchup;
