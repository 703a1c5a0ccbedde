package dev.opscenter.realtime.socket;

import io.micronaut.http.netty.websocket.NettyWebSocketSession;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * NettyOutlet writes straight to the socket's Netty channel: the frame's bytes wrapped (shared off-heap bytes are
 * written as they are, with no copy per socket), no future per write,
 * and the channel's own count of queued bytes (its write-buffer high-water mark, set by {@link SocketPipeline}) as
 * the per-socket bound. Only heartbeats carry a future: a heartbeat not taken by the peer within the write timeout
 * means the peer stopped reading (writes complete in order), and the connection is cut.
 */
final class NettyOutlet implements Outlet {
    // Micronaut's session does not expose its channel; without it every write would go through sendAsync, which
    // encodes the text again and allocates a future for each socket and frame.
    private static final VarHandle CHANNEL = channelField();

    private final WebSocketSession session;
    private final Channel channel;
    private final Duration writeTimeout;

    private NettyOutlet(WebSocketSession session, Channel channel, Duration writeTimeout) {
        this.session = session;
        this.channel = channel;
        this.writeTimeout = writeTimeout;
    }

    static NettyOutlet of(WebSocketSession session, Duration writeTimeout) {
        return new NettyOutlet(session, (Channel) CHANNEL.get((NettyWebSocketSession) session), writeTimeout);
    }

    @Override
    public Executor loop() {
        return channel.eventLoop();
    }

    // writes on the void promise: a failed write fires the channel's exception event, which closes it
    @SuppressWarnings("FutureReturnValueIgnored")
    @Override
    public void write(Frame frame) {
        if (frame.kind() == Frame.Kind.HEARTBEAT) {
            cutIfNotWritten(channel.writeAndFlush(text(frame)));
        } else {
            channel.writeAndFlush(text(frame), channel.voidPromise());
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // void promises, as in write
    @Override
    public void writeAll(Iterable<Frame> frames) {
        for (Frame frame : frames) {
            channel.write(text(frame), channel.voidPromise());
        }
        channel.flush();
    }

    @Override
    public boolean full() {
        // a closed channel is never writable either; it is not full, it is gone, and its close event removes it
        return channel.isActive() && !channel.isWritable();
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the cut-off is never cancelled: closing twice is harmless
    @Override
    public void close(CloseReason reason) {
        // the close frame queues behind everything the peer has not read; one that never reads is cut off instead
        session.close(reason);
        channel.eventLoop()
                .schedule(
                        () -> {
                            channel.close();
                        },
                        writeTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the check is never cancelled: it does nothing once written
    private void cutIfNotWritten(ChannelFuture written) {
        channel.eventLoop()
                .schedule(
                        () -> {
                            if (!written.isDone()) {
                                channel.close();
                            }
                        },
                        writeTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private static TextWebSocketFrame text(Frame frame) {
        ByteBuffer shared = frame.offHeap();
        return new TextWebSocketFrame(
                shared != null ? Unpooled.wrappedBuffer(shared) : Unpooled.wrappedBuffer(frame.utf8()));
    }

    private static VarHandle channelField() {
        try {
            return MethodHandles.privateLookupIn(NettyWebSocketSession.class, MethodHandles.lookup())
                    .findVarHandle(NettyWebSocketSession.class, "channel", Channel.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
