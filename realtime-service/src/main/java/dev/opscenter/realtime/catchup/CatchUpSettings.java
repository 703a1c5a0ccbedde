package dev.opscenter.realtime.catchup;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;

/**
 * CatchUpSettings bounds what a reconnecting socket is replayed, and what replaying costs the instance.
 *
 * @param catchUpLimit       most entries replayed; a client that missed more is told to resync
 * @param catchUpConcurrency most feed reads at once; sockets asking from the same id share a read
 */
@ConfigurationProperties("opscenter.realtime")
record CatchUpSettings(@Min(1) int catchUpLimit, @Min(1) int catchUpConcurrency) {}
