package dev.opscenter.realtime.socket;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * SocketSettings bounds what one socket may cost the service.
 *
 * @param outboundCapacity frames a socket may hold while its catch-up is read; past it the socket is closed (1013)
 * @param outboundLimit    bytes a socket may have queued and unwritten; past it the socket is closed (1013)
 * @param writeTimeout     how long a heartbeat or a close may wait for the peer before the connection is cut
 * @param compression      whether to offer permessage-deflate to pages
 * @param batchWindow      longest time between two writes to a socket under load; frames broadcast in between go in
 *                         one write
 * @param loopWrites       socket writes per second an event loop's rounds aim at: a loop with few sockets runs its
 *                         rounds sooner than {@code batchWindow} (after sockets ÷ loopWrites seconds)
 */
@ConfigurationProperties("opscenter.realtime")
record SocketSettings(
        @Min(1) int outboundCapacity,
        @ReadableBytes @Min(1024) int outboundLimit,
        Duration writeTimeout,
        boolean compression,
        Duration batchWindow,
        @Min(1) int loopWrites) {}
