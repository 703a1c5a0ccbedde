package dev.opscenter.realtime.catchup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * CatchUpSettings bounds what a reconnecting socket is replayed, and what replaying costs the instance.
 *
 * @param catchUpLimit       most entries replayed; a client that missed more is told to resync
 * @param catchUpConcurrency most feed reads at once; sockets asking from the same id share a read
 */
@ConfigurationProperties("opscenter.realtime")
record CatchUpSettings(
        @Bindable(defaultValue = "1000") @Min(1) int catchUpLimit,
        @Bindable(defaultValue = "4") @Min(1) int catchUpConcurrency) {
}
