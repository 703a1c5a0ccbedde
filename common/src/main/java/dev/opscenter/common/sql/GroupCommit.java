package dev.opscenter.common.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GroupCommit lets concurrent callers share one database commit. A caller hands its item over and waits; each of a
 * few committer threads takes whatever items are waiting (up to {@code maxBatch}) and writes them in one
 * transaction, so N callers cost one WAL flush instead of N. Nothing waits on purpose: while one batch commits the
 * next builds up, so a lone caller commits at once and a busy service commits in bigger groups. A caller returns only
 * after the commit that holds its item, with its own result.
 *
 * @param <I> what a caller stores
 * @param <O> what storing it gave that caller
 */
public final class GroupCommit<I, O> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** Stores a batch in one transaction; returns one result per item, in order. Throwing fails every item. */
    @FunctionalInterface
    public interface Batch<I, O> {
        List<O> store(List<I> items);
    }

    private record Waiting<I, O>(I item, CompletableFuture<O> result) {}

    private final Batch<I, O> batch;
    private final int maxBatch;
    private final Consumer<Integer> batchSizes;
    private final BlockingQueue<Waiting<I, O>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param batchSizes told the size of every batch committed (for a metric)
     */
    public GroupCommit(String name, int committers, int maxBatch, Batch<I, O> batch, Consumer<Integer> batchSizes) {
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.batchSizes = batchSizes;
        for (int i = 0; i < committers; i++) {
            Thread thread = new Thread(this::commitLoop, name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            this.committers.add(thread);
        }
    }

    /**
     * Hands the item over to be stored with whatever else is waiting; the result completes, on a committer thread,
     * once that is committed, or with the batch's failure.
     */
    public CompletableFuture<O> submit(I item) {
        if (!running) {
            throw new IllegalStateException("shutting down");
        }
        Waiting<I, O> waiting = new Waiting<>(item, new CompletableFuture<>());
        queue.add(waiting);
        return waiting.result();
    }

    /** Stores the item with whatever else is waiting; returns once that is committed. Rethrows the batch's failure. */
    public O store(I item) {
        CompletableFuture<O> result = submit(item);
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the item may still be committed; the caller answers with an error and the provider retries (a duplicate)
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        }
    }

    /** Items handed over and not yet taken by a committer. */
    public int waiting() {
        return queue.size();
    }

    /** Stops taking items once those waiting are committed. */
    @Override
    public void close() {
        running = false;
        for (Thread committer : committers) {
            try {
                committer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commitLoop() {
        List<Waiting<I, O>> taken = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Waiting<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, maxBatch - 1);
                commit(taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // NOPMD: a committer thread must outlive any one batch
                LOG.error("group commit failed outside a batch", e);
                taken.forEach(w -> w.result().completeExceptionally(e));
            } finally {
                taken.clear();
            }
        }
    }

    private void commit(List<Waiting<I, O>> taken) {
        List<O> results;
        try {
            results = batch.store(taken.stream().map(Waiting::item).toList());
        } catch (RuntimeException | Error e) { // NOPMD: each caller gets the failure as if it had committed alone
            taken.forEach(w -> w.result().completeExceptionally(e));
            return;
        }
        if (results.size() != taken.size()) {
            IllegalStateException e =
                    new IllegalStateException("a batch of " + taken.size() + " gave " + results.size() + " results");
            taken.forEach(w -> w.result().completeExceptionally(e));
            return;
        }
        batchSizes.accept(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            taken.get(i).result().complete(results.get(i));
        }
    }
}
