package dev.opscenter.realtime.socket;

import dev.opscenter.realtime.catchup.CatchUp;
import dev.opscenter.realtime.catchup.FeedEntry;
import dev.opscenter.realtime.catchup.FeedId;
import dev.opscenter.realtime.catchup.FeedReader;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveSocket is {@code GET /ws?token=…[&since=<feed id>]}. The token was checked before the upgrade
 * ({@link HandshakeFilter}). With {@code since}, the socket first receives the feed entries after that id, then
 * live messages, with no gap and no duplicate.
 */
@ServerWebSocket(LiveSocket.PATH)
final class LiveSocket {
    static final String PATH = "/ws";
    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    private final Audience audience;
    private final FeedReader feed;
    private final Duration writeTimeout;

    LiveSocket(Audience audience, FeedReader feed, SocketSettings settings) {
        this.audience = audience;
        this.feed = feed;
        this.writeTimeout = settings.writeTimeout();
    }

    @OnOpen
    @ExecuteOn(TaskExecutors.BLOCKING) // the catch-up reads Redis and waits for slow writes
    void open(WebSocketSession session) {
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

    @OnClose
    void close(WebSocketSession session) {
        audience.leave(session);
    }

    @OnError
    void error(WebSocketSession session, Throwable error) {
        // a peer that vanished or stopped reading; the socket closes and the page reconnects
        LOG.debug("Socket {} failed: {}", session.getId(), error.toString());
        audience.leave(session);
    }
}
