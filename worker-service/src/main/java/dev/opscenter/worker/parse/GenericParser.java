package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.JsonFields.node;
import static dev.opscenter.worker.parse.JsonFields.text;
import static dev.opscenter.worker.parse.Text.firstNonNull;

import dev.opscenter.common.alert.Severity;
import io.micronaut.json.tree.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * GenericParser reads bodies from senders we have no dedicated parser for. A sender that wants a specific alert
 * sends {@code severity}, {@code title} and {@code message} at the top level or under {@code data}; otherwise the
 * title comes from the event type and the message summarises the fields. It never fails: a body that is not a JSON
 * object still becomes an informational alert quoting what arrived.
 */
final class GenericParser implements PayloadParser {

    /** How much of a non-JSON body is decoded for the message; the stored event keeps all of it. */
    private static final int RAW_PREVIEW_BYTES = 4096;
    /** How many fields the summary lists before "…", to keep it one glance long. */
    private static final int SUMMARY_FIELDS = 8;
    /** Fields the alert already shows as its title, severity or message, so the summary leaves them out. */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("title", "message", "severity");

    @Override
    public ParsedAlert parse(InboundEvent event) {
        return parse(event, new Metadata());
    }

    /** Parses with extra metadata a more specific envelope (e.g. Standard Webhooks) already knows. */
    ParsedAlert parse(InboundEvent event, Metadata extra) {
        JsonNode payload = event.payload();
        String sourceName = Objects.requireNonNullElse(firstNonNull(event.sourceName(), event.source()), "webhook");
        if (payload == null || !payload.isObject()) {
            return unstructured(event, sourceName, extra);
        }
        JsonNode data = node(payload, "data");
        String type = firstNonNull(
                text(payload, "type"), text(payload, "event"), text(payload, "event_type"), event.eventType());
        String title = firstNonNull(text(payload, "title"), text(data, "title"));
        String message = firstNonNull(text(payload, "message"), text(data, "message"));
        // Alertmanager and Grafana put severity in their common labels; honouring it costs one lookup.
        String severity = firstNonNull(
                text(payload, "severity"), text(data, "severity"), text(payload, "commonLabels", "severity"));
        Metadata metadata = new Metadata()
                .put("eventType", type)
                .put("eventId", firstNonNull(text(payload, "id"), text(payload, "event_id")))
                .put("dataId", text(data, "id"))
                .put("status", text(payload, "status"))
                .put("severityGiven", severity)
                .putAll(extra);
        // the summary adds what the title does not say: the title text, or the type it was named after, is left out
        Set<String> shown = new HashSet<>();
        if (title == null) {
            title = (type == null ? "Webhook" : type) + " from " + sourceName;
            if (type != null) {
                shown.add(type);
            }
        } else {
            shown.add(title);
        }
        if (message == null) {
            message = summary(data != null && data.isObject() ? data : payload, shown);
        }
        return new ParsedAlert(title, message, severityOf(severity), metadata.toMap());
    }

    /** The sender's severity word, read leniently; anything unrecognised is informational. */
    static Severity severityOf(String value) {
        if (value == null) {
            return Severity.INFO;
        }
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException unknown) {
            return Severity.INFO;
        }
    }

    /**
     * A compact {@code key: value} list of the scalar fields, nested values shown by shape only, without the fields
     * the alert shows elsewhere (title, severity, message) and without values already in the title.
     */
    static String summary(JsonNode object, Set<String> inTitle) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        int skipped = 0;
        for (Map.Entry<String, JsonNode> field : object.entries()) {
            JsonNode value = field.getValue();
            String shape;
            if (value == null || value.isNull()) {
                continue;
            } else if (value.isObject()) {
                shape = "{…}";
            } else if (value.isArray()) {
                shape = "[" + value.size() + (value.size() == 1 ? " item]" : " items]");
            } else {
                shape = value.isString() ? value.getStringValue() : value.coerceStringValue();
                if (SHOWN_ELSEWHERE.contains(field.getKey()) || inTitle.contains(shape)) {
                    skipped++;
                    continue;
                }
            }
            if (shown == SUMMARY_FIELDS) {
                text.append(", …");
                break;
            }
            text.append(shown == 0 ? "" : ", ")
                    .append(field.getKey())
                    .append(": ")
                    .append(shape);
            shown++;
        }
        if (text.isEmpty()) {
            return skipped == 0 ? "Empty payload" : "No further fields";
        }
        return text.toString();
    }

    private static ParsedAlert unstructured(InboundEvent event, String sourceName, Metadata extra) {
        byte[] body = event.rawBody();
        JsonNode payload = event.payload();
        String message;
        if (payload != null && payload.isArray()) {
            message = "JSON array with " + payload.size() + (payload.size() == 1 ? " item" : " items");
        } else if (payload != null && payload.isValueNode()) {
            message = payload.isString() ? payload.getStringValue() : payload.coerceStringValue();
        } else {
            message = preview(body);
        }
        Metadata metadata = new Metadata()
                .put("eventType", event.eventType())
                .put("contentType", event.header("content-type"))
                .put("bodyBytes", (long) body.length)
                .putAll(extra);
        String title = (event.eventType() == null ? "Webhook" : event.eventType()) + " from " + sourceName;
        return new ParsedAlert(title, message, Severity.INFO, metadata.toMap());
    }

    /** The start of the body if it is readable text, otherwise a note of its size. */
    private static String preview(byte[] body) {
        if (body.length == 0) {
            return "Empty body";
        }
        int end = Math.min(body.length, RAW_PREVIEW_BYTES);
        // Back up to a UTF-8 character boundary so the cut does not make valid text look binary.
        while (end < body.length && end > 0 && (body[end] & 0xC0) == 0x80) {
            end--;
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, 0, end))
                    .toString();
            if (text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                return text;
            }
        } catch (CharacterCodingException binary) {
            // Falls through to the size note: binary bodies are kept on the event, not quoted in alerts.
        }
        return body.length + " bytes of binary data";
    }
}
