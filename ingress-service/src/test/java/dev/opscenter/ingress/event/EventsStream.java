package dev.opscenter.ingress.event;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.lettuce.core.Range;
import java.util.Map;
import java.util.Optional;

/** EventsStream reads what the ingress appended to the events stream, for tests. */
final class EventsStream {
    private EventsStream() {}

    /** The fields of the first entry that names the event; empty while there is none. */
    static Optional<Map<String, String>> entryOf(SharedRedis redis, RedisKeys keys, String eventId) {
        return redis.sync().xrange(keys.events(), Range.create("-", "+")).stream()
                .filter(e -> eventId.equals(e.getBody().get(RedisKeys.EVENT_ID_FIELD)))
                .map(e -> e.getBody())
                .findFirst();
    }
}
