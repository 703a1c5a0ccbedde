package dev.opscenter.ingress.guard;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DatabaseBreaker remembers that PostgreSQL could not be reached, so webhooks are refused at once instead of each
 * waiting for the pool's connection timeout. While open, one background probe every interval tries the database;
 * the first probe that succeeds closes it. Nothing but the probe closes it: recovery needs no operator.
 */
@Singleton
public final class DatabaseBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBreaker.class);

    private final Database db;
    private final TaskScheduler scheduler;
    private final Duration probeInterval;
    private final AtomicBoolean open = new AtomicBoolean();

    DatabaseBreaker(
            Database db,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${opscenter.database.probe-interval}") Duration probeInterval) {
        this.db = db;
        this.scheduler = scheduler;
        this.probeInterval = probeInterval;
    }

    /** Whether the database is known to be unreachable. */
    public boolean isOpen() {
        return open.get();
    }

    /** Records a failure to reach the database; the first one opens the breaker and starts the probe. */
    @SuppressWarnings("FutureReturnValueIgnored") // the probe is never cancelled
    public void trip(Throwable cause) {
        if (open.compareAndSet(false, true)) {
            LOG.warn(
                    "database unreachable ({}); webhooks answer 503 until a probe (every {}) reaches it",
                    cause.toString(),
                    probeInterval);
            scheduler.schedule(probeInterval, this::probe);
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // a probe reschedules itself until one succeeds; none is cancelled
    private void probe() {
        try {
            db.one("SELECT 1", Params.NONE, Integer.class);
            open.set(false);
            LOG.info("database reachable again; accepting webhooks");
        } catch (RuntimeException e) {
            LOG.debug("database probe failed: {}", e.toString());
            scheduler.schedule(probeInterval, this::probe);
        }
    }
}
