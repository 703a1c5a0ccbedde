/**
 * The names the services, the database and the dashboard share: source kinds, channel types, event, notification
 * and fan-out statuses. Each is an enum whose {@link dev.opscenter.common.vocabulary.WireName wire name} is its value
 * in SQL (held to the migrations' CHECK constraints) and in JSON; parsing is strict, so an unknown name fails loudly
 * instead of being guessed at.
 */
package dev.opscenter.common.vocabulary;
