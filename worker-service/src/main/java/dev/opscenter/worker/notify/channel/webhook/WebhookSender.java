package dev.opscenter.worker.notify.channel.webhook;

import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.ChannelHttp;
import dev.opscenter.worker.notify.channel.ChannelSender;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * WebhookSender POSTs the message's data (the alert or event document), or {@code {"subject","body"}} when there is
 * none, to the target URL. {@code webhook-id} is the idempotency key, stable across retries, so receivers can drop
 * duplicates; {@code webhook-timestamp} is the time of this attempt, and the signature covers id, timestamp and body.
 */
@Singleton
final class WebhookSender implements ChannelSender {

    private final ChannelHttp http;
    private final JsonMapper json;

    WebhookSender(ChannelHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public SendResult send(ChannelConfig channel, String recipient, Message message) {
        WebhookConfig config = WebhookConfig.from(channel);
        byte[] body = body(message);
        String id = message.idempotencyKey() != null ? message.idempotencyKey() : "msg_" + UUID.randomUUID();
        Instant now = http.clock().instant();
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        headers.put(StandardWebhooks.ID_HEADER, id);
        headers.put(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()));
        if (config.secret() != null) {
            headers.put(StandardWebhooks.SIGNATURE_HEADER, StandardWebhooks.sign(config.secret(), id, now, body));
        }
        return http.exchange(
                new ChannelHttp.Post(config.target(recipient), headers, "application/json", body), http::classify);
    }

    private byte[] body(Message message) {
        Object document = message.data();
        if (document == null) {
            Map<String, Object> fallback = new LinkedHashMap<>();
            fallback.put("subject", message.subject());
            fallback.put("body", message.body());
            document = fallback;
        }
        try {
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("the message data is not serializable to JSON", e);
        }
    }
}
