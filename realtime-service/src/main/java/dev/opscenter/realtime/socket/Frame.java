package dev.opscenter.realtime.socket;

import dev.opscenter.realtime.catchup.FeedId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Frame is one text message for the socket.
 *
 * @param json   the text, sent unchanged
 * @param feedId the feed id of a live message, used to skip what the catch-up already sent; null for other frames
 * @param live   whether this is a live message (counted as forwarded) rather than a control frame
 */
public record Frame(String json, @Nullable FeedId feedId, boolean live) {

    /** Tells the page it missed messages the socket cannot replay, so it must reload its lists over REST. */
    public static final Frame RESYNC = new Frame("{\"type\":\"resync\"}", null, false);

    /** A live message as received; feedId is null when the message has no readable id. */
    public static Frame live(String json, @Nullable FeedId feedId) {
        return new Frame(json, feedId, true);
    }

    /** Lets the page notice a dead socket: if heartbeats stop arriving, it reconnects. */
    static Frame heartbeat(Instant now) {
        return new Frame("{\"type\":\"heartbeat\",\"ts\":" + now.toEpochMilli() + "}", null, false);
    }

    /** Whether a catch-up that sent everything up to {@code upTo} already included this frame. */
    boolean coveredBy(@Nullable FeedId upTo) {
        return feedId != null && upTo != null && !feedId.isAfter(upTo);
    }
}
