package dev.opscenter.realtime.socket;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.session.LiveTickets;
import io.lettuce.core.RedisException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tickets redeems the short-lived ticket ingress issued to a signed-in page ({@link LiveTickets}): GETDEL on its key,
 * so one ticket opens one socket at most, whichever instance it reaches.
 */
@Singleton
final class Tickets {
    private static final Logger LOG = LoggerFactory.getLogger(Tickets.class);

    private final UnaryOperator<String> getAndDelete;

    @Inject
    Tickets(SharedRedis redis, RedisKeys keys) {
        this(hash -> redis.sync().getdel(keys.liveTicket(hash)));
    }

    /** @param getAndDelete the stored value of a ticket hash, removed as it is read; null if there is none */
    Tickets(UnaryOperator<String> getAndDelete) {
        this.getAndDelete = getAndDelete;
    }

    /**
     * Whom the ticket admits. Blocking: call it off the event loop. A ticket that is blank or longer than a real one
     * is refused without asking Redis.
     */
    Admission redeem(String ticket) {
        if (ticket.isEmpty() || ticket.length() > LiveTickets.MAX_LENGTH) {
            return new Admission.Refused();
        }
        String value;
        try {
            value = getAndDelete.apply(LiveTickets.hash(ticket));
        } catch (RedisException e) {
            LOG.warn("Cannot check a socket ticket: Redis did not answer ({})", e.toString());
            return new Admission.Unavailable();
        }
        return value == null ? new Admission.Refused() : new Admission.Admitted(LiveTickets.nameOf(value));
    }
}
