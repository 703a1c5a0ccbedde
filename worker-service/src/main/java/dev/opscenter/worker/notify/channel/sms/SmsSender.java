package dev.opscenter.worker.notify.channel.sms;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SmsSender creates one Message resource: form-encoded {@code To}, {@code From}, {@code Body} with basic auth. The
 * body ({@code subject + "\n\n" + body}) is cut at 1,600 characters, the most Twilio accepts, ending in an ellipsis.
 * Twilio's error JSON ({@code code}, {@code message}) becomes the error text.
 */
@Singleton
final class SmsSender implements ChannelSender {
    static final int MAX_BODY = 1600;

    private final ChannelHttp http;
    private final JsonMapper json;

    SmsSender(ChannelHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SMS;
    }

    @Override
    public SendResult send(ChannelConfig channel, String recipient, Message message) {
        TwilioConfig config = TwilioConfig.from(channel);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", recipient);
        form.put("From", config.from());
        form.put("Body", TextSplitter.truncate(message.text() == null ? "" : message.text(), MAX_BODY));
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, String> headers = Map.of("Accept", "application/json", "Authorization", config.authorization());
        return http.exchange(
                new ChannelHttp.Post(
                        config.messages(),
                        headers,
                        "application/x-www-form-urlencoded",
                        encoded.getBytes(StandardCharsets.UTF_8)),
                this::interpret);
    }

    /** A created message answers with its {@code sid}; an error with {@code {code, message, more_info, status}}. */
    private SendResult interpret(ChannelHttp.Reply reply) {
        Map<?, ?> body;
        try {
            body = json.readValue(reply.body(), Map.class);
        } catch (IOException | RuntimeException e) {
            body = null;
        }
        if (body == null) {
            return http.classify(reply);
        }
        boolean success = reply.status() >= 200 && reply.status() < 300;
        String text = success
                ? "sid " + body.get("sid") + (body.get("status") != null ? " (" + body.get("status") + ")" : "")
                : (body.get("code") != null ? "Twilio error " + body.get("code") + ": " : "") + body.get("message");
        return http.classify(reply, text);
    }
}
