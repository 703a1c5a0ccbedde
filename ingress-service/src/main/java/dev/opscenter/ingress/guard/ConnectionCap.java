package dev.opscenter.ingress.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ConnectionCap counts open connections per client address and closes, before reading a byte, each one beyond the
 * cap: one client cannot hold every connection and the memory behind them. The address is the socket's peer, so
 * behind a reverse proxy the cap applies to the proxy and must be raised (or set to 0 for none).
 */
final class ConnectionCap {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);

    private final int max;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionCap(int max) {
        this.max = max;
    }

    boolean enabled() {
        return max > 0;
    }

    /** A handler for one new connection: it takes a place for the peer, or closes the connection. */
    ChannelInboundHandlerAdapter handler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            @SuppressWarnings("FutureReturnValueIgnored") // a refused connection's close needs no follow-up
            public void handlerAdded(ChannelHandlerContext ctx) {
                if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress peer)) {
                    return;
                }
                InetAddress address = peer.getAddress();
                int count = open.merge(address, 1, Integer::sum);
                ctx.channel()
                        .closeFuture()
                        .addListener(f -> open.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null));
                if (count > max) {
                    LOG.debug("closing a connection from {}: more than {} open", address.getHostAddress(), max);
                    ctx.close();
                }
            }
        };
    }
}
