package dev.opscenter.realtime.catchup;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * CatchUpReads answers reconnecting sockets from the {@linkplain RecentFeed tail held in memory} when it covers
 * them, and otherwise runs their feed reads on a few threads of their own, and lets sockets asking
 * from the same point share one read: a reconnect storm of thousands of sockets, nearly all asking from the same
 * last id, costs a handful of reads and no more threads. A socket only joins a read that has not started yet: one
 * that started before the socket joined the audience could miss what was published in between.
 */
@Singleton
public final class CatchUpReads {
    private final RecentFeed recent;
    private final Function<FeedId, CatchUp> read;
    private final ExecutorService threads;
    private final Map<FeedId, CompletableFuture<CatchUp>> waiting = new ConcurrentHashMap<>();

    @Inject
    CatchUpReads(RecentFeed recent, FeedReader feed, CatchUpSettings settings) {
        this(recent, feed::after, settings.catchUpConcurrency());
    }

    CatchUpReads(RecentFeed recent, Function<FeedId, CatchUp> read, int concurrency) {
        this.recent = recent;
        this.read = read;
        this.threads = Executors.newFixedThreadPool(concurrency, named());
    }

    /** What a socket whose last seen entry is {@code since} must be sent first; fails if the feed cannot be read. */
    public CompletableFuture<CatchUp> after(FeedId since) {
        Optional<CatchUp> held = recent.after(since);
        if (held.isPresent()) {
            return CompletableFuture.completedFuture(held.get());
        }
        CompletableFuture<CatchUp> mine = new CompletableFuture<>();
        CompletableFuture<CatchUp> shared = waiting.putIfAbsent(since, mine);
        if (shared != null) {
            return shared;
        }
        threads.execute(() -> {
            // from here on, newcomers start a read of their own
            waiting.remove(since, mine);
            try {
                mine.complete(read.apply(since));
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
        });
        return mine;
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "catch-up-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
