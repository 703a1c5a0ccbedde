package dev.opscenter.bench;

import dev.opscenter.common.sql.NamedSql;
import dev.opscenter.common.sql.Params;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * BacklogSampler counts, once a second, the events of this run that are accepted but not yet processed (rows still
 * {@code pending} or {@code processing}). A platform that keeps up holds that count flat; one that falls behind
 * grows it by (rate − drain rate) every second, which {@link #slope} reports.
 */
final class BacklogSampler implements AutoCloseable {
    /** One reading: seconds since the run started and the rows waiting then. */
    record Sample(double seconds, long waiting) {}

    private final Connection db;
    private final PreparedStatement count;
    private final long startNanos;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    BacklogSampler(String jdbcUrl, Instant runStart, long startNanos) throws SQLException {
        this.db = DriverManager.getConnection(jdbcUrl);
        this.count = NamedSql.prepare(
                db,
                "SELECT count(*) FROM webhook_events WHERE received_at >= :run_start AND status IN ('pending', 'processing')",
                Params.of("run_start", runStart));
        this.startNanos = startNanos;
        this.thread = new Thread(this::sample, "backlog-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Readings so far. */
    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Rows waiting, growth per second by least squares over the readings between the two times (0 if fewer than 3). */
    static double slope(List<Sample> samples, double fromSeconds, double toSeconds) {
        List<Sample> window = samples.stream()
                .filter(s -> s.seconds() >= fromSeconds && s.seconds() <= toSeconds)
                .toList();
        int n = window.size();
        if (n < 3) {
            return 0;
        }
        double meanX = window.stream().mapToDouble(Sample::seconds).average().orElse(0);
        double meanY = window.stream().mapToDouble(Sample::waiting).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Sample s : window) {
            num += (s.seconds() - meanX) * (s.waiting() - meanY);
            den += (s.seconds() - meanX) * (s.seconds() - meanX);
        }
        return den == 0 ? 0 : num / den;
    }

    @Override
    public void close() throws SQLException {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }

    private void sample() {
        while (running) {
            try (ResultSet r = count.executeQuery()) {
                r.next();
                Sample sample = new Sample((System.nanoTime() - startNanos) / 1e9, r.getLong(1));
                synchronized (this) {
                    samples.add(sample);
                }
                Thread.sleep(1_000);
            } catch (SQLException e) {
                System.err.println("backlog sample failed: " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
