package dev.opscenter.worker.parse;

import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.json.tree.JsonNode;
import java.util.Map;

/**
 * InboundEvent is a stored webhook event as the parsers see it.
 *
 * @param id         the webhook event id
 * @param kind       the source kind, which picks the parser
 * @param source     the source slug
 * @param sourceName the source's display name
 * @param eventType  the provider's event type (X-GitHub-Event, Stripe {@code type}, …); may be null
 * @param payload    the parsed body; null when the body is not JSON
 * @param rawBody    the body exactly as received
 * @param headers    request headers with lower-case names
 */
public record InboundEvent(
        long id,
        SourceKind kind,
        String source,
        String sourceName,
        String eventType,
        JsonNode payload,
        byte[] rawBody,
        Map<String, String> headers) {

    public InboundEvent {
        rawBody = rawBody == null ? new byte[0] : rawBody;
        headers = headers == null ? Map.of() : headers;
    }

    /** The header value for a lower-case name, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
