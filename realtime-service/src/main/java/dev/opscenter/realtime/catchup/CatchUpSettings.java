package dev.opscenter.realtime.catchup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * CatchUpSettings bounds what a reconnecting socket is replayed.
 *
 * @param catchUpLimit most entries replayed; a client that missed more is told to resync
 */
@ConfigurationProperties("opscenter.realtime")
record CatchUpSettings(@Bindable(defaultValue = "1000") @Min(1) int catchUpLimit) {
}
