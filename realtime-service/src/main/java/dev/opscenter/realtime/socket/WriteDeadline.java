package dev.opscenter.realtime.socket;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.timeout.WriteTimeoutHandler;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * WriteDeadline drops a connection whose peer accepts no bytes for the write timeout. Closing a WebSocket politely
 * means writing a close frame, which queues behind everything a stalled peer never read and so never goes out;
 * without this the connection and its unwritten frames would stay until the operating system gave up.
 */
@Singleton
final class WriteDeadline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final Duration timeout;

    WriteDeadline(SocketSettings settings) {
        this.timeout = settings.writeTimeout();
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
            // first in the pipeline, next to the socket: it times the encoded bytes, whatever produced them
            channel.pipeline().addFirst("opscenter-write-deadline", new WriteTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
    }
}
