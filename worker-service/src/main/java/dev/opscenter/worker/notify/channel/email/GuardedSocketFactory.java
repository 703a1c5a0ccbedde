package dev.opscenter.worker.notify.channel.email;

import dev.opscenter.common.net.OutboundPolicy;
import dev.opscenter.common.net.RefusedAddressException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * GuardedSocketFactory gives Jakarta Mail sockets that check the address they are about to connect to against the
 * outbound policy, and connect to exactly that checked address (STARTTLS then wraps the same socket). Mail asks for
 * an unconnected socket and connects it itself, so the check sits in {@code connect}.
 */
final class GuardedSocketFactory extends SocketFactory {
    private final OutboundPolicy policy;

    GuardedSocketFactory(OutboundPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(InetSocketAddress.createUnresolved(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(InetSocketAddress.createUnresolved(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress target) throws IOException {
        Socket socket = new GuardedSocket();
        socket.connect(target);
        return socket;
    }

    private final class GuardedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target)) {
                throw new IOException("unsupported address type");
            }
            InetAddress address = target.isUnresolved() ? policy.resolve(target.getHostString())[0] : checked(target);
            super.connect(new InetSocketAddress(address, target.getPort()), timeout);
        }

        private InetAddress checked(InetSocketAddress target) throws IOException {
            InetAddress address = target.getAddress();
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedAddressException(target.getHostString(), refusal.get());
            }
            return address;
        }
    }
}
