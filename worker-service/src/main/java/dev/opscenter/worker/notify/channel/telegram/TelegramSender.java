package dev.opscenter.worker.notify.channel.telegram;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.ChannelHttp;
import dev.opscenter.worker.notify.channel.ChannelSender;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.SendResult;
import dev.opscenter.worker.notify.channel.TextSplitter;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TelegramSender calls the Bot API's {@code sendMessage} with {@code subject + "\n\n" + body} as plain text. Text
 * over 4,096 characters is split (at line breaks, then spaces) and sent as consecutive messages in order; if one
 * part fails the result is that part's failure, and the retry resumes at that part (see {@link DeliveredParts}).
 * A 429's {@code parameters.retry_after} becomes the Retryable wait.
 */
@Singleton
final class TelegramSender implements ChannelSender {
    static final int MAX_TEXT = 4096;

    private final ChannelHttp http;
    private final JsonMapper json;
    private final DeliveredParts delivered = new DeliveredParts();

    TelegramSender(ChannelHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public ChannelType type() {
        return ChannelType.TELEGRAM;
    }

    @Override
    public int cost(Message m) {
        return Math.max(1, parts(m.text()).size());
    }

    @Override
    public SendResult send(ChannelConfig channel, String recipient, Message message) {
        TelegramConfig config = TelegramConfig.from(channel);
        String text = message.text();
        List<String> parts = parts(text);
        if (parts.isEmpty()) {
            return new SendResult.Permanent(null, "the message text is empty");
        }
        String key = message.idempotencyKey() == null
                ? null
                : channel.id() + "|" + recipient + "|" + message.idempotencyKey();
        URI uri = config.sendMessage();
        int first = delivered.resumeAt(key, text, parts.size(), http.clock().instant());
        SendResult last = null;
        for (int i = first; i < parts.size(); i++) {
            last = http.exchange(request(uri, recipient, parts.get(i)), this::interpret);
            if (!(last instanceof SendResult.Sent)) {
                return parts.size() == 1 ? last : inPart(last, i, parts.size());
            }
            delivered.delivered(key, text, parts.size(), i + 1, http.clock().instant());
        }
        delivered.forget(key);
        SendResult.Sent sent = (SendResult.Sent) last;
        return parts.size() == 1
                ? sent
                : new SendResult.Sent(
                        sent.responseCode(),
                        parts.size() + " parts" + (first > 0 ? " (resumed at part " + (first + 1) + ")" : "")
                                + ", last " + sent.detail());
    }

    /** The text in sendable parts; whitespace-only parts are dropped because Telegram rejects empty text. */
    static List<String> parts(String text) {
        return TextSplitter.split(text == null ? "" : text, MAX_TEXT).stream()
                .filter(p -> !p.isBlank())
                .toList();
    }

    private ChannelHttp.Post request(URI uri, String chatId, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put("text", text);
        body.put("disable_web_page_preview", true);
        try {
            return new ChannelHttp.Post(uri, Map.of(), "application/json; charset=utf-8", json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the Bot API's {@code {ok, result | error_code, description, parameters}} reply. */
    @SuppressWarnings("unchecked")
    private SendResult interpret(ChannelHttp.Reply reply) {
        Map<String, Object> body;
        try {
            body = json.readValue(reply.body(), Map.class);
        } catch (IOException | RuntimeException e) {
            return http.classify(reply);
        }
        if (Boolean.TRUE.equals(body.get("ok"))) {
            Object result = body.get("result");
            Object id = result instanceof Map<?, ?> m ? m.get("message_id") : null;
            return new SendResult.Sent(reply.status(), "message_id " + id);
        }
        String description = body.get("description") instanceof String d ? d : "";
        Map<String, Object> parameters =
                body.get("parameters") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        if (parameters.get("migrate_to_chat_id") != null) {
            description += " (the group is now chat " + parameters.get("migrate_to_chat_id") + ")";
        }
        SendResult result = http.classify(reply, description);
        if (result instanceof SendResult.Retryable r && parameters.get("retry_after") instanceof Number seconds) {
            Duration after = http.outcome().retryAfter(Long.toString(seconds.longValue()));
            return new SendResult.Retryable(after, r.responseCode(), r.error());
        }
        return result;
    }

    private static SendResult inPart(SendResult result, int index, int total) {
        String where =
                "part " + (index + 1) + "/" + total + (index > 0 ? " (the parts before it were delivered)" : "") + ": ";
        if (result instanceof SendResult.Retryable r) {
            return new SendResult.Retryable(r.after(), r.responseCode(), where + r.error());
        }
        SendResult.Permanent p = (SendResult.Permanent) result;
        return new SendResult.Permanent(p.responseCode(), where + p.error());
    }
}
