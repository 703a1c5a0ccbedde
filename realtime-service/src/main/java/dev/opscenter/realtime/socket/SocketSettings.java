package dev.opscenter.realtime.socket;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * SocketSettings bounds what one socket may cost the service.
 *
 * @param outboundCapacity frames a socket may have queued and unwritten; past it the socket is closed (1013)
 * @param writeTimeout     how long one write may wait for the peer before the connection is dropped outright
 */
@ConfigurationProperties("opscenter.realtime")
record SocketSettings(
        @Bindable(defaultValue = "1000") @Min(1) int outboundCapacity,
        @Bindable(defaultValue = "30s") Duration writeTimeout) {
}
