package dev.opscenter.realtime.socket;

import dev.opscenter.realtime.catchup.FeedId;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Frame is one text message for the sockets, encoded once: every socket writes the same bytes.
 *
 * @param utf8   the text as UTF-8, sent unchanged; never modified after construction
 * @param feedId the feed id of a live message, used to send each feed entry at most once; null for other frames
 * @param kind   what the frame is for
 */
public record Frame(byte[] utf8, @Nullable FeedId feedId, Kind kind) {

    /** What a frame is for: live messages are counted, heartbeats also time the connection. */
    public enum Kind { LIVE, HEARTBEAT, CONTROL }

    /** Tells the page it missed messages the socket cannot replay, so it must reload its lists over REST. */
    public static final Frame RESYNC = new Frame(bytes("{\"type\":\"resync\"}"), null, Kind.CONTROL);

    /** A live message as received; feedId is null when the message has no readable id. */
    public static Frame live(String json, @Nullable FeedId feedId) {
        return new Frame(bytes(json), feedId, Kind.LIVE);
    }

    /** Lets the page notice a dead socket: if heartbeats stop arriving, it reconnects. */
    static Frame heartbeat(Instant now) {
        return new Frame(bytes("{\"type\":\"heartbeat\",\"ts\":" + now.toEpochMilli() + "}"), null, Kind.HEARTBEAT);
    }

    /** The text, decoded again (for logs and tests). */
    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    boolean live() {
        return kind == Kind.LIVE;
    }

    /** Whether a socket that was sent everything up to {@code upTo} already has this frame. */
    boolean coveredBy(@Nullable FeedId upTo) {
        return feedId != null && upTo != null && !feedId.isAfter(upTo);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
