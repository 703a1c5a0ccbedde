package dev.opscenter.ingress.guard;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * SlowClientGuard puts {@link ConnectionCap} and {@link ReadDeadline} into every connection's Netty pipeline, so slow
 * or numerous connections from one client cannot pin the server's memory.
 */
@Singleton
final class SlowClientGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final String READ_DEADLINE = "opscenter-read-deadline";
    private static final String CONNECTION_CAP = "opscenter-connection-cap";

    private final ConnectionCap cap;
    private final Duration readTimeout;

    SlowClientGuard(
            @Value("${opscenter.server.max-connections-per-client}") int maxConnectionsPerClient,
            @Value("${opscenter.server.request-read-timeout}") Duration readTimeout) {
        this.cap = new ConnectionCap(maxConnectionsPerClient);
        this.readTimeout = readTimeout;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(
                    role == ChannelRole.CONNECTION ? channel : null); // one set per connection, none per stream
        }

        @Override
        public void onInitialPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && pipeline.get(READ_DEADLINE) == null) { // HTTP/1
                pipeline.addAfter(
                        ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        READ_DEADLINE,
                        new ReadDeadline(readTimeout));
            }
            if (cap.enabled() && pipeline.get(CONNECTION_CAP) == null) {
                pipeline.addFirst(CONNECTION_CAP, cap.handler());
            }
        }
    }
}
