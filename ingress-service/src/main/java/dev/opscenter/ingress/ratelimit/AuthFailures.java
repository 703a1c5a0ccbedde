package dev.opscenter.ingress.ratelimit;

import dev.opscenter.ingress.client.ClientAddress;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AuthFailures is where every failed authentication is reported (wrong admin token, bad webhook signature, unknown
 * API key). It logs the rejection, rate-limited per client, and once a client has failed more often than allowed in a
 * window, {@link ThrottleFilter} answers it 429 until the window ends, before any lookup or decryption. Successful
 * requests are never counted; a throttled client is refused even with valid credentials until its window ends, since
 * otherwise the limit would not stop guessing.
 */
@Singleton
public final class AuthFailures {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailures.class);

    private final FailureCounts counts;
    private final ClientAddress addresses;
    private final ThrottleSettings settings;
    private final Clock clock;
    private final RejectionLog log;
    /** Clients over the limit as this replica has learnt it; checked on every request without asking Redis. */
    private final ClientTable<Instant> blocked;

    AuthFailures(FailureCounts counts, ClientAddress addresses, ThrottleSettings settings, Clock clock) {
        this.counts = counts;
        this.addresses = addresses;
        this.settings = settings;
        this.clock = clock;
        this.log = new RejectionLog(clock, Duration.ofMinutes(1));
        this.blocked = new ClientTable<>(100_000, until -> until);
    }

    /** Reports a failed authentication: what was refused (e.g. "admin token") and why. */
    public void failed(HttpRequest<?> request, String what, String detail) {
        String client = addresses.of(request);
        log.line(client, what, detail).ifPresent(LOG::info);
        FailureCounts.Window window = counts.add(client);
        if (window.failures() >= settings.maxFailures()) {
            blocked.update(client, clock.instant(), old -> window.ends());
        }
    }

    /** How long the client must wait, when it is over the limit. */
    Optional<Duration> retryAfter(HttpRequest<?> request) {
        Instant now = clock.instant();
        Instant until = blocked.get(addresses.of(request), now);
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }
}
