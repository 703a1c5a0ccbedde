package dev.opscenter.ingress.source;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * SourceCache keeps the webhook path off the database for source lookups: a live source found by slug (its secret
 * decrypted, its settings parsed) is kept for {@code opscenter.sources.cache-ttl}. Every write of a source is
 * announced ({@link SourceChanges}) and every replica's cache drops that slug on hearing it, so a disabled source or
 * a rotated secret takes effect everywhere within a Redis round trip. A replica that cannot hear the announcements
 * (not subscribed yet, or its connection down) reads the database on every lookup, and drops everything once it
 * hears again; the TTL is the backstop for an announcement lost in between. Unknown slugs are not kept, so probing
 * random slugs cannot grow the cache.
 */
@Singleton
public final class SourceCache {
    private final SourceRepository repository;
    private final SourceChanges changes;
    private final long ttlNanos;
    private final LongSupplier nanos;
    private final Map<String, Kept> bySlug = new ConcurrentHashMap<>();
    // bumped by every drop; a lookup that started before a drop does not keep what it read
    private final AtomicLong generation = new AtomicLong();

    private record Kept(Source source, long keptAt) {}

    SourceCache(
            SourceRepository repository, SourceChanges changes, @Value("${opscenter.sources.cache-ttl}") Duration ttl) {
        this.repository = repository;
        this.changes = changes;
        this.ttlNanos = ttl.toNanos();
        this.nanos = System::nanoTime;
        changes.listen(this::drop);
    }

    /**
     * The source with this slug if this replica keeps it, fresh and while it hears of changes; empty otherwise,
     * without reading the database (then {@link #findBySlug} says).
     */
    public Optional<Source> cached(String slug) {
        Kept kept = bySlug.get(slug);
        return kept != null && nanos.getAsLong() - kept.keptAt() < ttlNanos && changes.hearing()
                ? Optional.of(kept.source())
                : Optional.empty();
    }

    /** The live (not deleted) source with this slug, active or not. */
    public Optional<Source> findBySlug(String slug) {
        long now = nanos.getAsLong();
        Kept kept = bySlug.get(slug);
        if (kept != null && now - kept.keptAt() < ttlNanos && changes.hearing()) {
            return Optional.of(kept.source());
        }
        long seen = generation.get();
        Optional<Source> found = repository.findBySlug(slug);
        if (found.isPresent() && generation.get() == seen) {
            bySlug.put(slug, new Kept(found.get(), now));
        } else {
            bySlug.remove(slug);
        }
        return found;
    }

    private void drop(String slug) {
        generation.incrementAndGet();
        if (SourceChanges.EVERYTHING.equals(slug)) {
            bySlug.clear();
        } else {
            bySlug.remove(slug);
        }
    }
}
