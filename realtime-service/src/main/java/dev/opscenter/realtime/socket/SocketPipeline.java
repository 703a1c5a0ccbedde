package dev.opscenter.realtime.socket;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.websocket.NettyServerWebSocketUpgradeHandler;
import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import jakarta.inject.Singleton;

/**
 * SocketPipeline sets up each connection for the fan-out. Its write buffer's high-water mark is the per-socket
 * outbound limit, so the channel's own count of queued bytes tells a viewer when its page is too far behind
 * ({@link NettyOutlet#full()}). And permessage-deflate is offered only where the deployment turns it on: Netty keeps
 * a compressor per socket (about 200 KB of native memory each after traffic, measured at 10,000 sockets) and
 * compresses every frame once per socket, which costs more than the bandwidth it saves for small alert messages.
 */
@Singleton
final class SocketPipeline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final SocketSettings settings;

    SocketPipeline(SocketSettings settings) {
        this.settings = settings;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new OnConnection(channel) : this;
            }
        });
        return event.getBean();
    }

    private final class OnConnection implements NettyServerCustomizer {
        private final Channel channel;

        OnConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel other, ChannelRole role) {
            return this;
        }

        @Override
        public void onInitialPipelineBuilt() {
            int limit = settings.outboundLimit();
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(limit / 2, limit));
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (!settings.compression()
                    && channel.pipeline().get(NettyServerWebSocketUpgradeHandler.COMPRESSION_HANDLER) != null) {
                channel.pipeline().remove(NettyServerWebSocketUpgradeHandler.COMPRESSION_HANDLER);
            }
        }
    }
}
