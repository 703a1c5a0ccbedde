package dev.opscenter.common.event;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * EventPayload is a stored event's payload as JSON text, read one way by the events API, rule previews, the worker and
 * the relay. Since V24 a webhook's JSON payload is its raw body as received ({@code body_is_json}) and its jsonb
 * {@code payload} stays null. A webhook stored before keeps a jsonb copy, but its raw body is the same JSON and is what
 * is read: the sender's bytes, as the worker has always read them, not PostgreSQL's re-serialisation. A triggered
 * event ({@code source_id} null) keeps its payload in jsonb, since its raw body is the whole trigger request. A webhook
 * whose body is not JSON has no payload text.
 *
 * <p>Select {@link #COLUMNS} or {@link #COLUMNS_WITH_RAW_BODY} from {@code webhook_events e} (they take the names
 * {@code triggered_payload}, {@code body_is_payload} and {@code raw_body}), then {@link #read} the row.
 *
 * @param rawBody the raw body as received; with {@link #COLUMNS}, only when it is the payload
 * @param text    the payload as JSON text, null when the event has none
 */
public record EventPayload(
        @Nullable byte[] rawBody, @Nullable String text) {
    private static final String BODY_IS_PAYLOAD =
            "e.source_id IS NOT NULL AND (e.body_is_json OR e.payload IS NOT NULL)";
    private static final String FLAGS = "CASE WHEN e.source_id IS NULL THEN e.payload::text END AS triggered_payload, "
            + BODY_IS_PAYLOAD + " AS body_is_payload, ";

    /**
     * The columns {@link #read} reads, fetching the raw body only when it is the payload. Like {@link
     * #COLUMNS_WITH_RAW_BODY} it ends with a line break, so {@code FROM} may follow.
     */
    public static final String COLUMNS = FLAGS + "CASE WHEN " + BODY_IS_PAYLOAD + " THEN e.raw_body END AS raw_body\n";

    /** The columns {@link #read} reads, with every event's raw body, for callers that keep it (as {@link #rawBody}). */
    public static final String COLUMNS_WITH_RAW_BODY = FLAGS + "e.raw_body\n";

    /** Reads the current row of a query that selects {@link #COLUMNS} or {@link #COLUMNS_WITH_RAW_BODY}. */
    public static EventPayload read(ResultSet r) throws SQLException {
        byte[] raw = r.getBytes("raw_body");
        String triggered = r.getString("triggered_payload");
        if (triggered != null || !r.getBoolean("body_is_payload")) {
            return new EventPayload(raw, triggered);
        }
        return new EventPayload(raw, new String(raw, StandardCharsets.UTF_8));
    }
}
