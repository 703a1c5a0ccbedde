package dev.opscenter.worker.parse;

import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Fixtures loads recorded provider payloads from {@code fixtures/} and wraps them as stored events. */
final class Fixtures {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private Fixtures() {}

    /** The fixture's text, e.g. {@code github/push.json}. */
    static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixture's text with literal edits applied, each {@code from → to}. An edit that matches nothing fails,
     * so a variant can never silently test the unedited payload.
     */
    static String edited(String path, String... edits) {
        String text = text(path);
        for (int i = 0; i < edits.length; i += 2) {
            if (!text.contains(edits[i])) {
                throw new IllegalArgumentException(path + " does not contain " + edits[i]);
            }
            text = text.replace(edits[i], edits[i + 1]);
        }
        return text;
    }

    /** Parses JSON text into Micronaut's tree model, the form the worker hands to the parsers. */
    static JsonNode json(String text) {
        try {
            return JSON.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored event with the given body and headers; the body is parsed the way the worker parses it. */
    static InboundEvent event(String kind, String eventType, String body, Map<String, String> headers) {
        JsonNode payload;
        try {
            payload = JSON.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException notJson) {
            payload = null;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.putIfAbsent("content-type", "application/json");
        return new InboundEvent(
                42L,
                SourceKind.parse(kind),
                kind,
                sourceName(kind),
                eventType,
                payload,
                body.getBytes(StandardCharsets.UTF_8),
                all);
    }

    static InboundEvent event(String kind, String eventType, String body) {
        return event(kind, eventType, body, Map.of());
    }

    static String sourceName(String kind) {
        return switch (kind) {
            case "github" -> "GitHub";
            case "stripe" -> "Stripe";
            case "standard" -> "Billing";
            default -> "Monitoring";
        };
    }
}
