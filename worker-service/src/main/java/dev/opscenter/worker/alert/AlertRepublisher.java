package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AlertRepublisher closes the gap between storing an alert and pushing it live: an alert whose worker died (or whose
 * Redis was away) in between has no {@code published_at}, and is published here once it is older than the grace
 * period. Publishing is idempotent in Redis, so a replica racing another, or a worker that published but died before
 * recording it, never puts an alert on the feed twice.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class AlertRepublisher {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRepublisher.class);

    private final EventStore store;
    private final AlertPublisher publisher;
    private final Duration grace;

    AlertRepublisher(
            EventStore store, AlertPublisher publisher, @Value("${opscenter.worker.republish-grace}") Duration grace) {
        this.store = store;
        this.publisher = publisher;
        this.grace = grace;
    }

    @Scheduled(
            fixedDelay = "${opscenter.worker.republish-interval}",
            initialDelay = "${opscenter.worker.republish-interval}")
    void run() {
        try {
            List<AlertMessage> alerts = store.unpublished(grace, 200);
            if (!alerts.isEmpty()) {
                publisher.publish(alerts);
                List<Long> ids = alerts.stream().map(AlertMessage::id).toList();
                store.markPublished(ids);
                LOG.info("published alerts {} late (their first publish did not happen)", ids);
            }
        } catch (RuntimeException e) {
            LOG.warn("republishing alerts failed, will try again: {}", e.toString());
        }
    }
}
