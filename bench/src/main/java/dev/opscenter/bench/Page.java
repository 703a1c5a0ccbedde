package dev.opscenter.bench;

import dev.opscenter.common.alert.LiveMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Page is one dashboard page on the live socket, as a browser would run it (signed in with the admin token header
 * rather than a ticket): it remembers the newest feed id it saw,
 * reconnects with {@code since} when the server closes it, and counts what it got (a batch frame's alerts one by one).
 * Alerts arrive in feed order, so an id at or before the newest one seen is a duplicate, and a page that received as
 * many alerts as were published and no duplicate received each one exactly once.
 *
 * <p>Pages read their frames on a few shared Netty event loops and find ids without decoding UTF-8 or parsing JSON, so
 * that 10,000 pages cost the machine no more than the service that writes to them.
 */
final class Page {
    private static final String ALERT = "{\"type\":\"alert\",\"id\":\"";
    private static final String RESYNC = "{\"type\":\"resync\"";
    private static final int MAX_FRAME = 1 << 20;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[MAX_FRAME]);

    private final Bootstrap bootstrap;
    private final URI ws;
    private final String token;
    private final Map<String, Long> publishedNanos;
    private final boolean timed;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong serverCloses = new AtomicLong();
    private final AtomicLong failedConnects = new AtomicLong();
    private volatile long newestMillis = -1;
    private volatile long newestSequence = -1;
    private volatile Connection current;

    /** bootstrap: the shared event loops and channel type; timed: whether this page keeps every alert's arrival time. */
    Page(Bootstrap bootstrap, URI ws, String token, Map<String, Long> publishedNanos, boolean timed) {
        this.bootstrap = bootstrap;
        this.ws = ws;
        this.token = token;
        this.publishedNanos = publishedNanos;
        this.timed = timed;
    }

    /** Opens the socket, from the newest id seen if there is one, retrying every half second until it opens. */
    CompletableFuture<Channel> connect() {
        CompletableFuture<Channel> opened = new CompletableFuture<>();
        connectOnce().whenComplete((channel, error) -> {
            if (error == null) {
                opened.complete(channel);
            } else {
                failedConnects.incrementAndGet();
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)
                        .execute(() -> connect().whenComplete((again, ignored) -> opened.complete(again)));
            }
        });
        return opened;
    }

    private CompletableFuture<Channel> connectOnce() {
        Connection connection = new Connection();
        current = connection;
        String query = newestMillis < 0 ? "" : "?since=" + newestMillis + "-" + newestSequence;
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(URI.create(ws + query))
                // automation's sign-in: the admin token as a bearer header, never in the URL
                .customHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .maxFramePayloadLength(MAX_FRAME)
                // a browser validates UTF-8, but byte by byte it cost this tool more than everything else together
                .withUTF8Validator(false)
                .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(60))
                .build();
        ChannelFuture connecting = bootstrap
                .clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(
                                        new HttpClientCodec(),
                                        new HttpObjectAggregator(8192),
                                        new WebSocketClientProtocolHandler(config),
                                        new WebSocketFrameAggregator(MAX_FRAME),
                                        connection);
                    }
                })
                .connect(ws.getHost(), ws.getPort());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                connection.opened.completeExceptionally(done.cause());
            }
        });
        return connection.opened;
    }

    /** Closes the socket as a page does (1000) and completes once the server answered, or the connection ended. */
    CompletableFuture<Void> leave() {
        Connection connection = current;
        connection.leaving = true;
        connection.channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
        return connection.closed;
    }

    /** One alert's arrival on a timed page. */
    private record Arrival(String id, long nanos) {}

    /** Publish → receive of every alert this page timed since the last call. */
    synchronized void drainLatencies(Samples into) {
        for (Arrival arrival : arrivals) {
            Long published = publishedNanos.get(arrival.id());
            if (published != null) {
                into.add(arrival.nanos() - published);
            }
        }
        arrivals.clear();
    }

    long received() {
        return received.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long resyncs() {
        return resyncs.get();
    }

    long serverCloses() {
        return serverCloses.get();
    }

    /** Connection attempts that failed and were tried again. */
    long failedConnects() {
        return failedConnects.get();
    }

    /**
     * Counts every alert of a frame (one message or a batch) and notes a resync. The bytes are read as ISO-8859-1,
     * one char per byte, so that the JDK's vectorised {@code indexOf} finds the messages: ids and markers are ASCII.
     */
    private void frame(ByteBuf content, long now) {
        int length = content.readableBytes();
        byte[] bytes = SCRATCH.get();
        content.getBytes(content.readerIndex(), bytes, 0, length);
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        if (text.startsWith(ALERT)) {
            alert(text, ALERT.length(), now);
        } else if (text.startsWith(LiveMessage.BATCH_PREFIX)) {
            // the messages of a batch, in order; the bench's alerts hold no text that looks like a message start
            for (int at = text.indexOf(ALERT); at >= 0; at = text.indexOf(ALERT, at)) {
                at = alert(text, at + ALERT.length(), now);
            }
            if (text.contains(RESYNC)) {
                resyncs.incrementAndGet();
            }
        } else if (text.startsWith(RESYNC)) {
            resyncs.incrementAndGet();
        }
    }

    /** Reads the id {@code <millis>-<sequence>"} that starts at {@code at}; returns the index of its closing quote. */
    private int alert(String text, int at, long now) {
        long millis = 0;
        int i = at;
        for (; text.charAt(i) != '-'; i++) {
            millis = millis * 10 + (text.charAt(i) - '0');
        }
        long sequence = 0;
        for (i++; text.charAt(i) != '"'; i++) {
            sequence = sequence * 10 + (text.charAt(i) - '0');
        }
        if (millis < newestMillis || (millis == newestMillis && sequence <= newestSequence)) {
            duplicates.incrementAndGet();
            return i;
        }
        newestMillis = millis;
        newestSequence = sequence;
        received.incrementAndGet();
        if (timed) {
            synchronized (this) {
                arrivals.add(new Arrival(text.substring(at, i), now));
            }
        }
        return i;
    }

    private void reconnectSoon() {
        CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(this::connect);
    }

    /** One connection of the page; events of a connection the page has left or replaced change nothing. */
    private final class Connection extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        final CompletableFuture<Channel> opened = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        volatile Channel channel;
        volatile boolean leaving;

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = context.channel();
                opened.complete(channel);
            }
            super.userEventTriggered(context, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
            frame(frame.content(), System.nanoTime());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            opened.completeExceptionally(cause);
            context.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (opened.completeExceptionally(new IllegalStateException("closed before the handshake completed"))) {
                return;
            }
            if (!closed.complete(null) || leaving || current != this) {
                return;
            }
            // the server dropped this page (too slow, going away, cut off): come back from the newest id seen
            serverCloses.incrementAndGet();
            reconnectSoon();
        }
    }
}
