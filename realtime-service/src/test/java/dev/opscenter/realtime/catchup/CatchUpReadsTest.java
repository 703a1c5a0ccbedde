package dev.opscenter.realtime.catchup;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatchUpReadsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private CatchUpReads catchUps;

    @AfterEach
    void stop() {
        release.countDown();
        catchUps.close();
    }

    @Test
    void aStormOfSocketsRunsAtMostTheConfiguredNumberOfReadsAtOnce() {
        catchUps = new CatchUpReads(new RecentFeed(10), blockingRead(), 2);

        List<CompletableFuture<CatchUp>> asked = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            asked.add(catchUps.after(FeedId.of(i + "-0")));
        }
        await().atMost(DEADLINE).until(() -> running.get() == 2);
        release.countDown();

        CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        assertEquals(2, mostRunning.get());
        assertEquals(50, reads.get());
    }

    @Test
    void socketsAskingFromTheSameIdShareAReadThatHasNotStarted() {
        catchUps = new CatchUpReads(new RecentFeed(10), blockingRead(), 1);
        CompletableFuture<CatchUp> first = catchUps.after(FeedId.of("1-0")); // occupies the only thread
        await().atMost(DEADLINE).until(() -> running.get() == 1);

        List<CompletableFuture<CatchUp>> same = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            same.add(catchUps.after(FeedId.of("7-0")));
        }
        release.countDown();

        first.orTimeout(10, TimeUnit.SECONDS).join();
        CatchUp shared = same.get(0).orTimeout(10, TimeUnit.SECONDS).join();
        same.forEach(f -> assertSame(shared, f.join()));
        assertEquals(2, reads.get(), "one read for 1-0, one shared by the thousand asking from 7-0");
    }

    @Test
    void aSocketNeverSharesAReadThatStartedBeforeItAsked() {
        catchUps = new CatchUpReads(new RecentFeed(10), blockingRead(), 2);
        CompletableFuture<CatchUp> early = catchUps.after(FeedId.of("7-0"));
        await().atMost(DEADLINE).until(() -> running.get() == 1); // reading now: what it returns may predate a newcomer

        CompletableFuture<CatchUp> late = catchUps.after(FeedId.of("7-0"));
        release.countDown();

        assertTrue(early.orTimeout(10, TimeUnit.SECONDS).join()
                != late.orTimeout(10, TimeUnit.SECONDS).join());
        assertEquals(2, reads.get());
    }

    @Test
    void aFailedReadFailsTheSocketsThatAskedAndNotTheReader() {
        catchUps = new CatchUpReads(
                new RecentFeed(10),
                since -> {
                    throw new IllegalStateException("Command timed out");
                },
                1);

        CompletableFuture<CatchUp> failed = catchUps.after(FeedId.of("1-0"));

        await().atMost(DEADLINE).until(failed::isCompletedExceptionally);
        catchUps.after(FeedId.of("2-0"))
                .exceptionally(e -> null)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private Function<FeedId, CatchUp> blockingRead() {
        return since -> {
            reads.incrementAndGet();
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return new CatchUp.Missed(List.of(), since);
        };
    }
}
