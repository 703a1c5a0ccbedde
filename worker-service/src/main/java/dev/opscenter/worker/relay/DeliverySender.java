package dev.opscenter.worker.relay;

import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.log.LogFields;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.relay.DeliveryMessage;
import dev.opscenter.common.relay.RelaySignatures;
import dev.opscenter.worker.notify.RateLimiter;
import dev.opscenter.worker.notify.SendSchedule;
import dev.opscenter.worker.notify.StatusPublisher;
import dev.opscenter.worker.notify.channel.ChannelHttp;
import dev.opscenter.worker.notify.channel.SendResult;
import dev.opscenter.worker.stream.RetryQueue;
import dev.opscenter.worker.stream.StreamReaders;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeliverySender relays one delivery from the stream: claim it if due, sign the event's body for this attempt, POST it
 * through the channels' guarded HTTP client (10 s, no redirects), log the attempt, and record what it led to —
 * succeeded on any 2xx; pending until the next attempt of the schedule (or the receiver's longer Retry-After) when
 * {@code HttpOutcome} calls the failure retryable; failed when it is permanent or the attempts are used up. Every
 * status change is published live. Before sending, the subscription's endpoint protection may put the delivery back
 * without an attempt: until its circuit breaker's cool-down ends, or until its rate limit has room.
 */
@Singleton
final class DeliverySender {
    private static final Logger LOG = LoggerFactory.getLogger(DeliverySender.class);
    /** The start of a reply body kept with its attempt. */
    static final int MAX_LOGGED_REPLY_BYTES = 2048;
    /** Headers the HTTP client sets itself; a subscription's custom headers cannot replace them. */
    private static final List<String> TRANSPORT_HEADERS =
            List.of("content-type", "content-length", "host", "transfer-encoding", "connection");

    private final DeliveryStore store;
    private final EndpointGuard guard;
    private final EndpointSlots slots;
    private final RateLimiter limiter;
    private final ChannelHttp http;
    private final RetryQueue retries;
    private final StatusPublisher status;
    private final RedisKeys keys;
    private final RelaySettings settings;
    private final SendSchedule schedule;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    DeliverySender(
            DeliveryStore store,
            EndpointGuard guard,
            EndpointSlots slots,
            RateLimiter limiter,
            ChannelHttp http,
            RetryQueue retries,
            StatusPublisher status,
            RedisKeys keys,
            RelaySettings settings,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.guard = guard;
        this.slots = slots;
        this.limiter = limiter;
        this.http = http;
        this.retries = retries;
        this.status = status;
        this.keys = keys;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.schedule = new SendSchedule(
                settings.retrySchedule(),
                settings.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Sends the delivery if it is due (a claim decides); the entry is acknowledged by {@link StreamReaders#eachRow}. */
    void handle(RedisCommands<String, String> redis, long id) {
        store.claim(id, clock.instant(), settings.sendTimeout()).ifPresent(claimed -> {
            try (LogFields fields = LogFields.with(
                            LogFields.EVENT_ID, claimed.event().id())
                    .and(LogFields.SOURCE, claimed.event().source())) {
                deliver(redis, claimed);
            }
        });
    }

    private void deliver(RedisCommands<String, String> redis, DeliveryStore.Claimed d) {
        if (!d.active()) {
            finished(store.failedUnsent(d.id(), "subscription is disabled", true), "failed");
            return;
        }
        if (d.tries() > settings.maxAttempts()) {
            // the earlier attempts never reported back: their sender died each time
            String error = "gave up after " + settings.maxAttempts() + " attempts that did not finish";
            finished(store.failedUnsent(d.id(), error, true), "failed");
            return;
        }
        URI target;
        try {
            target = URI.create(d.url());
        } catch (IllegalArgumentException e) {
            finished(store.failedUnsent(d.id(), "the target URL is not a valid URI", true), "failed");
            return;
        }
        if (!slots.tryTake(d.subscriptionId())) {
            deferred(redis, d.id(), clock.instant().plus(settings.endpointBusyWait()), "endpoint_busy");
            return;
        }
        try {
            send(redis, d, target);
        } finally {
            slots.release(d.subscriptionId());
        }
    }

    /** Sends through the breaker and the rate limit, and records the attempt and what comes next. */
    private void send(RedisCommands<String, String> redis, DeliveryStore.Claimed d, URI target) {
        if (!(admitted(redis, d) instanceof EndpointGuard.Gate.Pass admitted)) {
            return; // put back until the breaker or the rate limit lets it through
        }
        boolean probe = admitted.probe();
        Instant at = clock.instant();
        byte[] body = d.event().body(json);
        Map<String, String> signatures =
                RelaySignatures.headers("dlv_" + d.id(), at, body, d.secret(), d.previousSecret(), d.signatureHeader());
        AtomicReference<ChannelHttp.Reply> reply = new AtomicReference<>();
        long started = System.nanoTime();
        SendResult result = http.exchange(
                new ChannelHttp.Post(target, headers(d.headers(), signatures), "application/json", body), r -> {
                    reply.set(r);
                    return http.classify(r);
                });
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        ChannelHttp.Reply answered = reply.get();
        Integer code = answered == null ? null : answered.status();
        String excerpt = answered == null ? null : excerpt(answered.body());
        switch (result) {
            case SendResult.Sent sent ->
                finished(
                        redis,
                        store.succeeded(
                                d.id(), new DeliveryStore.Attempt(d.attempts(), at, code, latency, excerpt, null)),
                        "succeeded");
            case SendResult.Retryable retry -> {
                DeliveryStore.Attempt attempt =
                        new DeliveryStore.Attempt(d.attempts(), at, code, latency, excerpt, retry.error());
                if (d.tries() >= settings.maxAttempts()) {
                    String error = "gave up after " + d.tries() + " attempts: " + retry.error();
                    finished(redis, store.failed(d.id(), attempt, probe, error), "failed");
                    return;
                }
                Instant due = clock.instant().plus(schedule.next(d.tries(), retry.after()));
                finished(redis, store.retryAt(d.id(), attempt, probe, due), "retry");
                retries.schedule(redis, keys.deliveryRetries(), d.id(), due);
            }
            case SendResult.Permanent permanent ->
                finished(
                        redis,
                        store.failed(
                                d.id(),
                                new DeliveryStore.Attempt(d.attempts(), at, code, latency, excerpt, permanent.error()),
                                probe,
                                permanent.error()),
                        "failed");
        }
    }

    /**
     * Whether the delivery may be sent now, and as the breaker's probe; a {@code Wait} is already put back, its attempt
     * not counted: until the breaker's cool-down ends (no request reaches an endpoint while its breaker is open), or
     * until the subscription's per-second limit has room (a Redis window shared by every replica).
     */
    private EndpointGuard.Gate admitted(RedisCommands<String, String> redis, DeliveryStore.Claimed d) {
        Instant now = clock.instant();
        if (d.breakerOpenUntil() != null && d.breakerOpenUntil().isAfter(now)) {
            return deferred(redis, d.id(), d.breakerOpenUntil(), "breaker_open");
        }
        if (d.rateLimitPerSecond() != null) {
            Duration wait = limiter.acquire(
                    keys.prefix() + "ratelimit:subscription:" + d.subscriptionId(),
                    1,
                    d.rateLimitPerSecond(),
                    Duration.ofSeconds(1),
                    "dlv_" + d.id() + ":" + d.attempts());
            if (!wait.isZero()) {
                return deferred(redis, d.id(), now.plus(wait), "rate_limited");
            }
        }
        return switch (guard.gate(d.subscriptionId(), d.breakerOpenUntil(), now, now.plus(settings.sendTimeout()))) {
            case EndpointGuard.Gate.Pass pass -> pass;
            case EndpointGuard.Gate.Wait wait -> deferred(redis, d.id(), wait.until(), "breaker_open");
        };
    }

    /** Puts the delivery back, pending until {@code until}, on the retry set; no attempt counted, nothing published. */
    private EndpointGuard.Gate deferred(RedisCommands<String, String> redis, long id, Instant until, String outcome) {
        meters.counter("opscenter.relay.deliveries", "outcome", outcome).increment();
        if (store.deferred(id, until).isPresent()) {
            retries.schedule(redis, keys.deliveryRetries(), id, until);
        }
        return new EndpointGuard.Gate.Wait(until);
    }

    /**
     * Publishes the row as it now stands and counts the outcome; enqueues the event recorded when the subscription was
     * switched off, as the worker enqueues an event's retry (the events' sweeper finds it if Redis fails now).
     */
    private void finished(RedisCommands<String, String> redis, DeliveryStore.Recorded recorded, String outcome) {
        finished(recorded.row(), outcome);
        recorded.disabledEvent().ifPresent(event -> {
            try {
                retries.schedule(redis, keys.eventRetries(), event, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("event {} stored but not enqueued ({}); the sweeper will enqueue it", event, e.toString());
            }
        });
    }

    /** Publishes the row as it now stands and counts the outcome. */
    private void finished(Optional<DeliveryMessage> row, String outcome) {
        meters.counter("opscenter.relay.deliveries", "outcome", outcome).increment();
        row.ifPresent(r -> {
            if (!"succeeded".equals(outcome)) {
                LOG.info("delivery {} of event {}: {} ({})", r.id(), r.eventId(), outcome, r.lastError());
            }
            status.publish(LiveMessage.DELIVERY, r);
        });
    }

    /** The subscription's headers, then the signatures, which no custom header can replace. */
    private static Map<String, String> headers(Map<String, String> custom, Map<String, String> signatures) {
        Map<String, String> headers = new LinkedHashMap<>();
        custom.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TRANSPORT_HEADERS.contains(lower)
                    && signatures.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                headers.put(name, value);
            }
        });
        headers.putAll(signatures);
        return headers;
    }

    /** The start of a reply body, at most 2 KB of UTF-8 cut on a character boundary, without NULs (text columns refuse them). */
    static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        String clean = body.replace("\u0000", "");
        byte[] bytes = clean.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_LOGGED_REPLY_BYTES) {
            return clean;
        }
        int end = MAX_LOGGED_REPLY_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // back to the first byte of the character that would be cut
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
