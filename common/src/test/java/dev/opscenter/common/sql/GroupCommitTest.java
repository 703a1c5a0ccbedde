package dev.opscenter.common.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<Integer> sizes = new CopyOnWriteArrayList<>();

    @Test
    void itemsWaitingWhileACommitRunsShareTheNextOneAndEachCallerGetsItsOwnResult() throws Exception {
        CountDownLatch firstCommitRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        try (GroupCommit<Integer, String> commits = new GroupCommit<>(
                "test",
                1,
                64,
                items -> {
                    batches.add(items);
                    if (batches.size() == 1) {
                        firstCommitRunning.countDown();
                        await(releaseFirst);
                    }
                    return items.stream().map(i -> "stored " + i).toList();
                },
                sizes::add)) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commits.store(0));
            await(firstCommitRunning);
            List<CompletableFuture<String>> waiting = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                waiting.add(CompletableFuture.supplyAsync(() -> commits.store(item)));
            }
            while (queued(commits) < 5) {
                Thread.onSpinWait();
            }
            releaseFirst.countDown();

            assertEquals("stored 0", first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 5; i++) {
                assertEquals("stored " + i, waiting.get(i - 1).get(10, TimeUnit.SECONDS));
            }
            assertEquals(2, batches.size(), batches.toString());
            assertEquals(List.of(0), batches.get(0));
            assertEquals(5, batches.get(1).size());
            assertTrue(batches.get(1).containsAll(List.of(1, 2, 3, 4, 5)));
            assertEquals(List.of(1, 5), sizes);
        }
    }

    @Test
    void aBatchIsNeverLargerThanTheLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<Integer, Integer> commits = new GroupCommit<>(
                "test",
                1,
                3,
                items -> {
                    await(release);
                    batches.add(items);
                    return items;
                },
                sizes::add)) {
            List<CompletableFuture<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int item = i;
                all.add(CompletableFuture.supplyAsync(() -> commits.store(item)));
            }
            release.countDown();
            for (int i = 0; i < 10; i++) {
                assertEquals(i, all.get(i).get(10, TimeUnit.SECONDS));
            }
            assertTrue(batches.stream().allMatch(b -> b.size() <= 3), batches.toString());
            assertEquals(10, batches.stream().mapToInt(List::size).sum());
        }
    }

    @Test
    void aFailedBatchFailsEachOfItsCallersWithTheSameErrorAndTheCommitterGoesOn() {
        IllegalStateException down = new IllegalStateException("database down");
        try (GroupCommit<Integer, Integer> commits = new GroupCommit<>(
                "test",
                1,
                64,
                items -> {
                    if (items.contains(13)) {
                        throw down;
                    }
                    return items;
                },
                sizes::add)) {
            assertSame(down, assertThrows(IllegalStateException.class, () -> commits.store(13)));
            assertEquals(7, commits.store(7));
        }
    }

    private static int queued(GroupCommit<?, ?> commits) {
        return commits.waiting();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
