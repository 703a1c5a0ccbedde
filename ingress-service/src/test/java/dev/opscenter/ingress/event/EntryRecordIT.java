package dev.opscenter.ingress.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Entry ids are recorded a delay after the append, and only for events still unfinished then, beside the event
 * (webhook_event_entries, V26): the event's own row is not written again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntryRecordIT extends IngressIT {
    private static final String SECRET = "entry-record-test-secret";

    @Inject
    SourceRepository sources;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("opscenter.events.entry-record-delay", "3s");
    }

    @Test
    void onlyEventsStillUnfinishedAfterTheDelayGetTheirEntryId() throws Exception {
        sources.insert("GitHub", "gh", SourceKind.GITHUB, SECRET, Map.of(), true);
        long finished = accepted("finished-early");
        // what a worker keeping up does within the delay
        sql("UPDATE webhook_events SET status = 'processed', processed_at = now(), next_sweep_at = NULL WHERE id = "
                + finished);
        long waiting = accepted("still-pending");
        long version = rowVersion(waiting); // within the 3 s delay: the row as the ingress inserted it

        await().atMost(Duration.ofSeconds(20)).until(() -> recorded(waiting));
        assertFalse(recorded(finished), "no entry id for the event finished within the delay");
        assertEquals(1, count("SELECT count(*) FROM webhook_events WHERE id = " + waiting + " AND status = 'pending'"));
        assertEquals(version, rowVersion(waiting), "the event's row was not written again");
    }

    /** The transaction that wrote the row's current version. */
    private long rowVersion(long id) throws SQLException {
        return count("SELECT xmin::text::bigint FROM webhook_events WHERE id = " + id);
    }

    private long accepted(String delivery) {
        HttpResponse<String> reply = client.githubPing(SECRET, delivery);
        assertEquals(202, reply.statusCode(), reply.body());
        return Long.parseLong(reply.body().replaceAll("\\D+", " ").trim().split(" ")[0]);
    }

    private boolean recorded(long id) throws SQLException {
        return count("SELECT count(*) FROM webhook_event_entries WHERE event_id = " + id) == 1;
    }
}
