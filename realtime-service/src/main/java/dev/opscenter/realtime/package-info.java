/**
 * The realtime service: one Redis subscription per instance fans live messages out to every authenticated
 * dashboard socket; {@code socket} holds the endpoint, {@code fanout} the subscription, {@code catchup} the feed reads.
 */
package dev.opscenter.realtime;
