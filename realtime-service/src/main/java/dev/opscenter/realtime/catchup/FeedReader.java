package dev.opscenter.realtime.catchup;

import dev.opscenter.common.redis.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import java.util.List;

/** FeedReader finds the feed entries a client missed after the last id it saw. Blocking: call it off the event loop. */
@Singleton
public final class FeedReader {
    private final RedisCommands<String, String> redis;
    private final String feed;
    private final int limit;

    FeedReader(StatefulRedisConnection<String, String> connection, RedisKeys keys, CatchUpSettings settings) {
        this.redis = connection.sync();
        this.feed = keys.feed();
        this.limit = settings.catchUpLimit();
    }

    /** What a client whose last seen entry is {@code since} must be sent before live messages. */
    public CatchUp after(FeedId since) {
        // Read from since inclusive: the feed is trimmed from its oldest end only, so if since is still there nothing
        // after it was trimmed; if it is gone, entries right after it may be gone too.
        List<StreamMessage<String, String>> read =
                redis.xrange(feed, Range.create(since.toString(), "+"), Limit.create(0, limit + 2L));
        if (read.isEmpty() || !FeedId.of(read.get(0).getId()).equals(since) || read.size() > limit + 1) {
            return new CatchUp.Resync(newest());
        }
        List<FeedEntry> missed = read.subList(1, read.size()).stream()
                .map(m -> new FeedEntry(FeedId.of(m.getId()), m.getBody().get(RedisKeys.MESSAGE_FIELD)))
                .filter(e -> e.json() != null)
                .toList();
        return new CatchUp.Missed(
                missed,
                read.size() == 1 ? since : FeedId.of(read.get(read.size() - 1).getId()));
    }

    private FeedId newest() {
        List<StreamMessage<String, String>> last = redis.xrevrange(feed, Range.unbounded(), Limit.create(0, 1));
        return last.isEmpty() ? null : FeedId.of(last.get(0).getId());
    }
}
