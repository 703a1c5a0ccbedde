package dev.opscenter.bench;

import dev.opscenter.common.sql.NamedSql;
import dev.opscenter.common.sql.Params;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * StageTimes splits each event's POST → live alert time into the pipeline's stages, to tell which stage makes a tail.
 * Four instants come from the event's rows, by PostgreSQL's clock; the first three and the last from the load
 * generator, by the same machine's clock:
 *
 * <ol>
 *   <li>due: when the generator was to send the POST;
 *   <li>picked up: when the generator's event loop took it up, after the generator's own delay (its sleep until the
 *       due time and the loop's wake-up: on a machine shared with the platform, the generator waits for a core too);
 *   <li>written: when the loop wrote it on a connection, after the wait for a free one (all of them busy with
 *       requests the ingress has not answered yet);
 *   <li>stored: the start of the ingress's transaction that stored the event ({@code received_at});
 *   <li>claimed: the start of the worker's claim ({@code processing_started_at}), after the commit, the append to the
 *       stream, the read and its linger;
 *   <li>completing: the start of the batch transaction that stores the alert ({@code processed_at}), after the load and
 *       the parse;
 *   <li>published: the start of the statement that marks the alert published ({@code published_at}), after that
 *       transaction's commit and the publish to Redis;
 *   <li>on the socket: when the alert's frame reached the generator, through realtime.
 * </ol>
 *
 * <p>The stages' times add up to the POST → frame time. Each is summarised over all events (p50 and p99), and over the
 * events of the end-to-end tail (those at or above its p99): the median of each stage among them says where the slow
 * events spent their time.
 */
final class StageTimes {
    /** Each stage by the instant that ends it. */
    static final List<String> STAGES =
            List.of("picked up", "written", "stored", "claimed", "completing", "published", "on the socket");

    /** Instants per event: due, picked up, written, stored, claimed, completing, published, on the socket. */
    static final int INSTANTS = STAGES.size() + 1;

    private StageTimes() {}

    /**
     * The database's instants of the events, in microseconds since the epoch, by event id: stored, claimed, completing
     * and published. Events not finished and published are left out.
     */
    static Map<Long, long[]> read(String jdbcUrl, Collection<Long> eventIds) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl);
                PreparedStatement rows =
                        NamedSql.prepare(db, """
                        SELECT e.id,
                               (extract(epoch FROM e.received_at) * 1e6)::bigint AS stored,
                               (extract(epoch FROM e.processing_started_at) * 1e6)::bigint AS claimed,
                               (extract(epoch FROM e.processed_at) * 1e6)::bigint AS completing,
                               (extract(epoch FROM a.published_at) * 1e6)::bigint AS published
                          FROM webhook_events e
                          JOIN alerts a ON a.event_id = e.id
                         WHERE e.id = ANY (:ids) AND e.processing_started_at IS NOT NULL
                           AND e.processed_at IS NOT NULL AND a.published_at IS NOT NULL""", Params.of("ids", Params.bigints(List.copyOf(eventIds))));
                ResultSet r = rows.executeQuery()) {
            Map<Long, long[]> instants = new HashMap<>();
            while (r.next()) {
                instants.put(r.getLong("id"), new long[] {
                    r.getLong("stored"), r.getLong("claimed"), r.getLong("completing"), r.getLong("published")
                });
            }
            return instants;
        }
    }

    /**
     * Two lines: each stage's p50 / p99 over all events, then the median of each stage among the events at or above the
     * end-to-end p99. Each event is {@link #INSTANTS} instants in microseconds, in order.
     */
    static String report(List<long[]> events) {
        if (events.isEmpty()) {
            return "stages     none: no event of the run was found finished and published";
        }
        int n = events.size();
        long[][] stages = new long[STAGES.size()][n];
        long[] total = new long[n];
        for (int e = 0; e < n; e++) {
            long[] at = events.get(e);
            if (at.length != INSTANTS) {
                throw new IllegalArgumentException("an event has " + at.length + " instants, not " + INSTANTS);
            }
            for (int s = 0; s < STAGES.size(); s++) {
                stages[s][e] = at[s + 1] - at[s];
            }
            total[e] = at[INSTANTS - 1] - at[0];
        }
        long[] totals = total.clone();
        Arrays.sort(totals);
        long tailFrom = Percentiles.rank(totals, 99);
        int tailCount = (int) Arrays.stream(total).filter(t -> t >= tailFrom).count();
        StringJoiner all = new StringJoiner(", ", "stages     p50 / p99 of each, ms (n=%d): due → ".formatted(n), "");
        StringJoiner tail = new StringJoiner(
                ", ",
                "tail       median of each, ms, among the %d at or above the p99 (%s ms): due → "
                        .formatted(tailCount, millis(tailFrom)),
                "");
        for (int s = 0; s < STAGES.size(); s++) {
            long[] sorted = stages[s].clone();
            Arrays.sort(sorted);
            all.add("%s %s / %s"
                    .formatted(
                            STAGES.get(s), millis(Percentiles.rank(sorted, 50)), millis(Percentiles.rank(sorted, 99))));
            long[] ofTail = new long[tailCount];
            int at = 0;
            for (int e = 0; e < n; e++) {
                if (total[e] >= tailFrom) {
                    ofTail[at++] = stages[s][e];
                }
            }
            Arrays.sort(ofTail);
            tail.add("%s %s".formatted(STAGES.get(s), millis(Percentiles.rank(ofTail, 50))));
        }
        return all + System.lineSeparator() + tail;
    }

    private static String millis(long micros) {
        return "%.1f".formatted(micros / 1000.0);
    }
}
