package dev.opscenter.ingress.trigger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.FieldErrors;
import io.micronaut.http.HttpStatus;
import java.io.IOException;

/**
 * TriggerRequest is the body of {@code POST /api/events}: {@code {"event": <event source name>, "event_id":
 * <caller's idempotency key>, "payload": {…}}}. A missing payload is an empty object. {@code "type"} is accepted as
 * another spelling of {@code "event"} (the original design's); given both, they must name the same source.
 */
record TriggerRequest(String event, String eventId, JsonNode payload) {
    private static final int MAX_EVENT_ID = 255;
    /** Immutable, so sharing it is safe: trailing garbage is an error, and decimals keep every digit for jsonb. */
    private static final ObjectReader READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .readerFor(JsonNode.class);

    /** Parses the raw body: 400 when it is not a JSON object, 422 listing every invalid field. */
    static TriggerRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : READER.readTree(body);
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid JSON", "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "Invalid JSON",
                    "the body must be a JSON object: {\"event\": …, \"event_id\": …, \"payload\": {…}}");
        }
        FieldErrors errors = new FieldErrors();
        String event = eventName(root, errors);
        JsonNode eventId = root.get("event_id");
        if (eventId == null
                || !eventId.isTextual()
                || eventId.asText().isEmpty()
                || eventId.asText().length() > MAX_EVENT_ID) {
            errors.add("event_id", "required: your idempotency key, 1 to " + MAX_EVENT_ID + " characters");
        }
        JsonNode payload = root.get("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            errors.add("payload", "a JSON object");
        }
        errors.throwIfAny();
        return new TriggerRequest(
                event,
                eventId.asText(),
                payload == null || payload.isNull() ? JsonNodeFactory.instance.objectNode() : payload);
    }

    /**
     * The event source's name from {@code event}, or from {@code type} when {@code event} is absent; null (with the
     * error added) when neither names one or the two disagree.
     */
    private static String eventName(JsonNode root, FieldErrors errors) {
        JsonNode event = present(root.get("event"));
        JsonNode type = present(root.get("type"));
        if (event == null && type != null) {
            if (!isName(type)) {
                errors.add("type", "the event source's name (type is another spelling of event)");
                return null;
            }
            return type.asText();
        }
        if (!isName(event)) {
            errors.add("event", "required: the event source's name (or give it as type)");
            return null;
        }
        if (type != null && !type.equals(event)) {
            errors.add("type", "another spelling of event: leave it out or give the same name as event");
            return null;
        }
        return event.asText();
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static boolean isName(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank();
    }
}
