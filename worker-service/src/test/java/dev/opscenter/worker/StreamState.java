package dev.opscenter.worker;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/** StreamState answers whether a consumer group has read and acknowledged everything in its stream. */
public final class StreamState {
    private StreamState() {}

    /** True when the group has no pending entries and no unread ones. */
    public static boolean drained(RedisCommands<String, String> redis, String stream, String group) {
        if (redis.xpending(stream, group).getCount() != 0) {
            return false;
        }
        for (Object info : redis.xinfoGroups(stream)) {
            List<?> fields = (List<?>) info;
            if (!group.equals(String.valueOf(fields.get(fields.indexOf("name") + 1)))) {
                continue;
            }
            Object lag = fields.get(fields.indexOf("lag") + 1);
            return lag instanceof Number n && n.longValue() == 0;
        }
        return false;
    }
}
