package dev.opscenter.worker.notify;

import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.log.LogFields;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelSenders;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.SendResult;
import dev.opscenter.worker.stream.RetryQueue;
import dev.opscenter.worker.stream.StreamReaders;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NotificationDelivery sends one notification from the stream: claim it if due, respect the channel's rate limit
 * (waiting, never dropping), send, and record the outcome — sent; retried later per the schedule or the peer's
 * Retry-After; or failed, retryable by API. Every status change is published live.
 */
@Singleton
final class NotificationDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    private final NotificationStore store;
    private final ChannelSenders senders;
    private final RateLimiter limiter;
    private final RetryQueue retries;
    private final StatusPublisher status;
    private final RedisKeys keys;
    private final NotificationSettings settings;
    private final SendSchedule schedule;
    private final Clock clock;
    private final MeterRegistry meters;

    NotificationDelivery(
            NotificationStore store,
            ChannelSenders senders,
            RateLimiter limiter,
            RetryQueue retries,
            StatusPublisher status,
            RedisKeys keys,
            NotificationSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.senders = senders;
        this.limiter = limiter;
        this.retries = retries;
        this.status = status;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.schedule = new SendSchedule(
                settings.retrySchedule(),
                settings.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Sends the notification if it is due (a claim decides); the entry is acknowledged by {@link StreamReaders#eachRow}. */
    void handle(RedisCommands<String, String> redis, long id) {
        store.claim(id, clock.instant(), settings.sendTimeout()).ifPresent(claimed -> {
            try (LogFields fields =
                    LogFields.with(LogFields.EVENT_ID, claimed.eventId()).and(LogFields.SOURCE, claimed.source())) {
                deliver(redis, claimed);
            }
        });
    }

    private void deliver(RedisCommands<String, String> redis, NotificationStore.Claimed n) {
        Message message = new Message(n.subject(), n.body(), data(n), "ntf_" + n.id());
        ChannelType type = n.channel().type();
        if (!n.channelActive()) {
            finish(n, "channel is disabled", null);
            return;
        }
        if (type == ChannelType.TELEGRAM && n.channel().secret() != null) {
            Instant now = clock.instant(); // before the limiter reads the clock: the wait it returns counts from here
            Duration wait = limiter.acquire(
                    keys.prefix() + "ratelimit:telegram:"
                            + fingerprint(n.channel().secret()),
                    senders.cost(type, message),
                    settings.telegramPerMinute(),
                    "ntf_" + n.id() + ":" + n.attempts());
            if (!wait.isZero()) {
                Instant due = now.plus(wait);
                store.retryAt(n.id(), due, null, null, false);
                retries.schedule(redis, keys.notificationRetries(), n.id(), due);
                count(type, "rate_limited");
                return;
            }
        }
        SendResult result = senders.send(n.channel(), n.recipient(), message);
        switch (result) {
            case SendResult.Sent sent -> sent(n, sent);
            case SendResult.Retryable retry -> retry(redis, n, retry);
            case SendResult.Permanent permanent -> finish(n, permanent.error(), permanent.responseCode());
        }
    }

    private void sent(NotificationStore.Claimed n, SendResult.Sent sent) {
        Optional<NotificationMessage> row = store.sent(n.id(), sent.responseCode(), clock.instant());
        count(n.channel().type(), "sent");
        row.ifPresent(status::publish);
    }

    private void retry(RedisCommands<String, String> redis, NotificationStore.Claimed n, SendResult.Retryable retry) {
        if (!schedule.mayRetry(n.attempts())) {
            finish(n, "gave up after " + n.attempts() + " attempts: " + retry.error(), retry.responseCode());
            return;
        }
        Instant due = clock.instant().plus(schedule.next(n.attempts(), retry.after()));
        Optional<NotificationMessage> row = store.retryAt(n.id(), due, retry.error(), retry.responseCode(), true);
        retries.schedule(redis, keys.notificationRetries(), n.id(), due);
        count(n.channel().type(), "retry");
        row.ifPresent(status::publish);
    }

    private void finish(NotificationStore.Claimed n, String error, Integer responseCode) {
        Optional<NotificationMessage> row = store.failed(n.id(), error, responseCode);
        count(n.channel().type(), "failed");
        LOG.info(
                "notification {} to {} via {} failed: {}",
                n.id(),
                n.recipient(),
                n.channel().type().wire(),
                error);
        row.ifPresent(status::publish);
    }

    /** Counts a send by channel type and outcome: sent, retry, rate_limited or failed. */
    private void count(ChannelType channel, String outcome) {
        meters.counter("opscenter.notifications", "channel", channel.wire(), "outcome", outcome)
                .increment();
    }

    private static Map<String, Object> data(NotificationStore.Claimed n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notificationId", n.id());
        data.put("ruleId", n.ruleId());
        data.put("eventId", n.eventId());
        data.put("alertId", n.alertId());
        data.put("recipient", n.recipient());
        data.put("subject", n.subject());
        data.put("body", n.body());
        // chat channels show where an alert came from and how bad it is (Slack's context block)
        data.put("source", n.source());
        data.put("severity", n.severity());
        return data;
    }

    /** Identifies a bot in Redis keys without putting its token there. */
    private static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
