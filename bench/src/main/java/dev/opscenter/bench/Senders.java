package dev.opscenter.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Senders post requests over a fixed set of keep-alive HTTP/1.1 connections on one Netty event loop: a request due
 * now goes out on an idle connection, or waits in line for the first one to free up (and that wait is part of its
 * latency, as in {@link IngressLoad}'s open loop). All state lives on the loop's thread, so nothing is locked.
 *
 * <p>The JDK's HttpClient hands each request between several threads; on a 2-core machine shared with the services
 * it cost about a millisecond of CPU per request, half a core at 500 webhooks/s, taken from the platform under test.
 */
final class Senders implements AutoCloseable {
    private static final int MAX_RESPONSE = 1 << 20;
    private static final AttributeKey<Outgoing> IN_FLIGHT = AttributeKey.valueOf("opscenter.in-flight");
    /** nanoTime the loop took up the request in flight. */
    private static final AttributeKey<Long> PICKED_UP = AttributeKey.valueOf("opscenter.picked-up");
    /** nanoTime the loop wrote the request in flight on its connection. */
    private static final AttributeKey<Long> WRITTEN = AttributeKey.valueOf("opscenter.written");

    /** One request to send: the headers besides Host, Content-Type and Content-Length, its body, and its due time. */
    record Outgoing(Map<String, String> headers, byte[] body, long dueNanos) {}

    /** What became of a request: its status and body, or the failure that ended its connection. */
    interface Answers {
        /**
         * The answer to a request that the loop took up at {@code pickedUpNanos} (after its due time by the
         * generator's own delay: its sleep and the loop's wake-up) and wrote on a connection at {@code writtenNanos}
         * (after the wait for a free one).
         */
        void answered(Outgoing request, long pickedUpNanos, long writtenNanos, int status, String body);

        void failed(Outgoing request, Throwable error);
    }

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final URI target;
    private final String host;
    private final Answers answers;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Queued> waiting = new ArrayDeque<>();

    /** A request on the loop, waiting for a connection since {@code pickedUpNanos}. */
    private record Queued(Outgoing request, long pickedUpNanos) {}

    private final int connections;
    private int open;
    private int busy;
    private CompletableFuture<Void> drained;

    Senders(URI target, int connections, Answers answers) {
        this.group = Epoll.isAvailable()
                ? new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory())
                : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.loop = group.next();
        this.target = target;
        this.host = target.getHost() + ":" + target.getPort();
        this.answers = answers;
        this.connections = connections;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE), new Reply());
                    }
                });
    }

    /** Hands a request to the loop; it leaves at once on an idle connection, else when one frees up. */
    void send(Outgoing request) {
        loop.execute(() -> {
            waiting.add(new Queued(request, System.nanoTime()));
            pump();
        });
    }

    /** Waits until every request handed over was answered or failed, at most the given time. */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            drained = done;
            pump();
        });
        try {
            done.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** On the loop: sends what waits on idle connections, opens connections up to the limit, notices when all is done. */
    private void pump() {
        while (!waiting.isEmpty() && !idle.isEmpty()) {
            write(idle.poll(), waiting.poll());
        }
        while (!waiting.isEmpty() && open < connections && open - busy - idle.size() < waiting.size()) {
            connect();
        }
        if (drained != null && waiting.isEmpty() && busy == 0) {
            drained.complete(null);
        }
    }

    private void connect() {
        open++;
        bootstrap.connect(target.getHost(), target.getPort()).addListener(f -> {
            if (f.isSuccess()) {
                Channel channel = ((ChannelFuture) f).channel();
                channel.closeFuture().addListener(c -> loop.execute(() -> closed(channel)));
                idle.add(channel);
            } else {
                open--;
                Queued queued = waiting.poll();
                if (queued != null) {
                    answers.failed(queued.request(), f.cause());
                }
            }
            pump();
        });
    }

    private void write(Channel channel, Queued queued) {
        Outgoing request = queued.request();
        FullHttpRequest http = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, target.getRawPath(), Unpooled.wrappedBuffer(request.body()));
        http.headers()
                .set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        request.headers().forEach((name, value) -> http.headers().set(name, value));
        HttpUtil.setContentLength(http, request.body().length);
        busy++;
        channel.attr(IN_FLIGHT).set(request);
        channel.attr(PICKED_UP).set(queued.pickedUpNanos());
        channel.attr(WRITTEN).set(System.nanoTime());
        channel.writeAndFlush(http);
    }

    /** On the loop: a connection closed; what it was carrying failed, and the next request opens a new one. */
    private void closed(Channel channel) {
        open--;
        idle.remove(channel);
        Outgoing request = channel.attr(IN_FLIGHT).getAndSet(null);
        if (request != null) {
            busy--;
            answers.failed(request, new IOException("connection closed before the answer"));
        }
        pump();
    }

    private final class Reply extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Outgoing request = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            if (request == null) {
                return;
            }
            busy--;
            answers.answered(
                    request,
                    ctx.channel().attr(PICKED_UP).get(),
                    ctx.channel().attr(WRITTEN).get(),
                    response.status().code(),
                    response.content().toString(StandardCharsets.UTF_8));
            if (HttpUtil.isKeepAlive(response)) {
                idle.add(ctx.channel());
            } else {
                ctx.close();
            }
            pump();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
