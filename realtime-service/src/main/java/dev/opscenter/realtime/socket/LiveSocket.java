package dev.opscenter.realtime.socket;

import dev.opscenter.realtime.catchup.CatchUp;
import dev.opscenter.realtime.catchup.CatchUpReads;
import dev.opscenter.realtime.catchup.FeedId;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.micronaut.websocket.event.WebSocketSessionClosedEvent;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveSocket is {@code GET /ws?ticket=…[&since=<feed id>]} (or {@code Authorization: Bearer <admin token>} instead
 * of the ticket). {@link HandshakeFilter} admitted the upgrade and named its viewer as the request's principal; a
 * socket without one is closed here, so no route to this socket that the filter missed opens it. With {@code since},
 * the socket first receives the feed entries after that id, then live messages, with no gap and no duplicate.
 *
 * <p>There is deliberately no {@code @OnClose}: with one, Micronaut closes the connection without answering the
 * page's close frame (the page sees 1006); without one, it answers with the page's code. Closed sockets leave the
 * audience through {@link WebSocketSessionClosedEvent} instead.
 */
@ServerWebSocket(LiveSocket.PATH)
final class LiveSocket {
    static final String PATH = "/ws";
    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    private final Audience audience;
    private final CatchUpReads catchUps;

    LiveSocket(Audience audience, CatchUpReads catchUps) {
        this.audience = audience;
        this.catchUps = catchUps;
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the catch-up handles its own failure in whenComplete
    @OnOpen
    void open(WebSocketSession session) {
        Optional<Principal> viewer = session.getUserPrincipal().filter(Admission.Admitted.class::isInstance);
        if (viewer.isEmpty()) {
            // unreachable through the handshake filter; here so that a route it missed cannot open a socket
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        LOG.debug("Socket {} opened for {}", session.getId(), viewer.get().getName());
        Optional<FeedId> since =
                session.getRequestParameters().getFirst("since").flatMap(FeedId::parse);
        // Join before reading the feed: a message published meanwhile is then either in the feed read or held,
        // never in neither; the viewer skips held ones the read already returned.
        Viewer joined = audience.join(session, since.isPresent());
        if (since.isPresent()) {
            catchUps.after(since.get())
                    .whenComplete((catchUp, error) -> joined.outlet()
                            .loop()
                            .execute(() -> catchUp(joined, error == null ? catchUp : failed(error))));
        }
    }

    private void catchUp(Viewer viewer, CatchUp catchUp) {
        boolean open = switch (catchUp) {
            case CatchUp.Missed missed ->
                viewer.catchUp(
                        missed.entries().stream()
                                .map(entry -> Frame.live(entry.json(), entry.id()))
                                .toList(),
                        missed.upTo());
            case CatchUp.Resync resync -> viewer.catchUp(List.of(Frame.RESYNC), resync.upTo());
        };
        if (!open) {
            audience.forget(viewer);
        }
    }

    private static CatchUp failed(Throwable error) {
        LOG.warn("Catch-up read failed; asking the page to resync", error);
        return new CatchUp.Resync(null);
    }

    /** The protocol is server to client; whatever a page sends is ignored. */
    @OnMessage(maxPayloadLength = 4096)
    void ignore(String message) {}

    @EventListener
    void closed(WebSocketSessionClosedEvent event) {
        audience.leave(event.getSource());
    }

    @OnError
    void error(WebSocketSession session, Throwable error) {
        // a peer that vanished or stopped reading; the socket closes and the page reconnects
        LOG.debug(
                "Socket {} of {} failed: {}",
                session.getId(),
                session.getUserPrincipal().map(Principal::getName).orElse("nobody"),
                error.toString());
        audience.leave(session);
    }
}
