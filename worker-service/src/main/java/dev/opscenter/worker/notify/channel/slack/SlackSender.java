package dev.opscenter.worker.notify.channel.slack;

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
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SlackSender posts Block Kit JSON to the channel's incoming webhook. The recipient (e.g. {@code #ops}) is only
 * informational: an incoming webhook always posts to the channel it was created for. Slack answers {@code ok} or
 * an error word such as {@code invalid_blocks} or {@code channel_is_archived}, which becomes the error text; any
 * other reply body is not kept.
 */
@Singleton
final class SlackSender implements ChannelSender {
    /** The shape of Slack's reply words ({@code ok}, {@code invalid_blocks}). */
    private static final Pattern REPLY_WORD = Pattern.compile("[a-z0-9_]{1,64}");

    private final ChannelHttp http;
    private final JsonMapper json;

    SlackSender(ChannelHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public SendResult send(ChannelConfig channel, String recipient, Message message) {
        SlackConfig config = SlackConfig.from(channel);
        byte[] body;
        try {
            body = json.writeValueAsBytes(SlackBlocks.payload(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return http.exchange(
                new ChannelHttp.Post(config.webhookUrl(), Map.of(), "application/json; charset=utf-8", body),
                this::interpret);
    }

    private SendResult interpret(ChannelHttp.Reply reply) {
        String word = reply.body().strip();
        return REPLY_WORD.matcher(word).matches() ? http.classify(reply, word) : http.classify(reply);
    }
}
