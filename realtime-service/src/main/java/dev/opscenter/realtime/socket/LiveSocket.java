package dev.opscenter.realtime.socket;

import dev.opscenter.realtime.catchup.CatchUp;
import dev.opscenter.realtime.catchup.FeedEntry;
import dev.opscenter.realtime.catchup.FeedId;
import dev.opscenter.realtime.catchup.FeedReader;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.micronaut.websocket.event.WebSocketSessionClosedEvent;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveSocket is {@code GET /ws?token=…[&since=<feed id>]}. The token was checked before the upgrade
 * ({@link HandshakeFilter}) and is checked again here, so no route to this socket opens it without the token. With
 * {@code since}, the socket first receives the feed entries after that id, then live messages, with no gap and no
 * duplicate.
 *
 * <p>There is deliberately no {@code @OnClose}: with one, Micronaut closes the connection without answering the
 * page's close frame (the page sees 1006); without one, it answers with the page's code. Closed sockets leave the
 * audience through {@link WebSocketSessionClosedEvent} instead.
 */
@ServerWebSocket(LiveSocket.PATH)
final class LiveSocket {
    static final String PATH = "/ws";
    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    private final AdminToken token;
    private final Audience audience;
    private final FeedReader feed;
    private final Duration writeTimeout;

    LiveSocket(AdminToken token, Audience audience, FeedReader feed, SocketSettings settings) {
        this.token = token;
        this.audience = audience;
        this.feed = feed;
        this.writeTimeout = settings.writeTimeout();
    }

    @OnOpen
    @ExecuteOn(TaskExecutors.BLOCKING) // the catch-up reads Redis and waits for slow writes
    void open(WebSocketSession session) {
        if (!token.admits(session.getRequestParameters().getFirst("token").orElse(null))) {
            // unreachable through the handshake filter; here so that a route it missed cannot open a socket
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        Optional<FeedId> since = session.getRequestParameters().getFirst("since").flatMap(FeedId::parse);
        // Join before reading the feed: a message published meanwhile is then either in the feed read or held,
        // never in neither; held ones the read already returned are skipped by goLive.
        Viewer viewer = audience.join(session, since.isPresent());
        if (since.isEmpty()) {
            return;
        }
        CatchUp catchUp;
        try {
            catchUp = feed.after(since.get());
        } catch (RuntimeException e) {
            LOG.warn("Catch-up read failed; asking the page to resync", e);
            catchUp = new CatchUp.Resync(null);
        }
        FeedId upTo;
        if (catchUp instanceof CatchUp.Missed missed) {
            for (FeedEntry entry : missed.entries()) {
                if (!viewer.sendCatchUp(Frame.live(entry.json(), entry.id()), writeTimeout)) {
                    audience.forget(session, viewer);
                    return;
                }
            }
            upTo = missed.upTo();
        } else if (catchUp instanceof CatchUp.Resync resync) {
            viewer.sendCatchUp(Frame.RESYNC, writeTimeout);
            upTo = resync.upTo();
        } else {
            throw new IllegalStateException("unknown catch-up " + catchUp);
        }
        if (!viewer.goLive(upTo)) {
            audience.forget(session, viewer);
        }
    }

    /** The protocol is server to client; whatever a page sends is ignored. */
    @OnMessage(maxPayloadLength = 4096)
    void ignore(String message) {
    }

    @EventListener
    void closed(WebSocketSessionClosedEvent event) {
        audience.leave(event.getSource());
    }

    @OnError
    void error(WebSocketSession session, Throwable error) {
        // a peer that vanished or stopped reading; the socket closes and the page reconnects
        LOG.debug("Socket {} failed: {}", session.getId(), error.toString());
        audience.leave(session);
    }
}
