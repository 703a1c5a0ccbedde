package dev.opscenter.realtime.catchup;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** CatchUp is what a reconnecting socket must be sent first: the entries it missed, or a request to reload. */
public sealed interface CatchUp {

    /**
     * The feed still holds everything after {@code since}.
     *
     * @param entries the missed entries, oldest first (possibly none)
     * @param upTo    the newest id these entries cover: live messages up to it were already sent as entries
     */
    record Missed(List<FeedEntry> entries, FeedId upTo) implements CatchUp {}

    /**
     * Too much was missed, or the feed no longer holds {@code since}: the client must reload its lists over REST.
     *
     * @param upTo the newest feed id when the feed was read (null for an empty feed); the reload covers live messages
     *             up to it
     */
    record Resync(@Nullable FeedId upTo) implements CatchUp {}
}
