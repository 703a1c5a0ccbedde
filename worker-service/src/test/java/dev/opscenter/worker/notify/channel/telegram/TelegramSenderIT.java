package dev.opscenter.worker.notify.channel.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.PeerServer;
import dev.opscenter.worker.notify.channel.PeerServer.Reply;
import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Bot API is a local HTTP server answering like Telegram does. */
class TelegramSenderIT {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String OK = "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":-1001}}}";

    private final PeerServer telegram = PeerServer.start().byDefault(r -> Reply.json(200, OK));
    private final TelegramSender sender = new TelegramSender(PeerServer.http(), JSON);
    private final ChannelConfig channel =
            new ChannelConfig(3, ChannelType.TELEGRAM, Map.of("baseUrl", telegram.baseUrl() + "/"), TOKEN);

    @AfterEach
    void stop() {
        telegram.close();
    }

    private static Map<?, ?> json(PeerServer.Request request) throws IOException {
        return JSON.readValue(request.body(), Map.class);
    }

    /** 100 lines of 100 characters: 10,000 characters with line breaks to split at. */
    private static String tenThousandCharacters() {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 100; line++) {
            text.append(String.format("%03d ", line)).append("y".repeat(95)).append('\n');
        }
        return text.toString();
    }

    @Test
    void sendsSubjectAndBodyToTheChat() throws IOException {
        SendResult result = sender.send(channel, "-1001", new Message("Deploy failed", "main is red", null, "ntf_1"));

        assertEquals(new SendResult.Sent(200, "message_id 42"), result);
        PeerServer.Request request = telegram.only();
        assertEquals("/bot" + TOKEN + "/sendMessage", request.path());
        assertEquals(
                Map.of("chat_id", "-1001", "text", "Deploy failed\n\nmain is red", "disable_web_page_preview", true),
                json(request));
    }

    @Test
    void longMessageArrivesAsOrderedPartsThatRejoin() throws IOException {
        String body = tenThousandCharacters();
        Message message = new Message(null, body, null, "ntf_2");

        assertEquals(3, sender.cost(message));
        SendResult.Sent sent = assertInstanceOf(SendResult.Sent.class, sender.send(channel, "@ops", message));

        List<PeerServer.Request> requests = telegram.requests();
        assertEquals(3, requests.size());
        StringBuilder rejoined = new StringBuilder();
        for (PeerServer.Request request : requests) {
            String part = (String) json(request).get("text");
            assertTrue(part.length() <= 4096, "part of " + part.length());
            rejoined.append(part);
        }
        assertEquals(body, rejoined.toString());
        assertTrue(sent.detail().startsWith("3 parts"), sent.detail());
    }

    @Test
    void retryAfterPartialFailureSendsOnlyTheRemainingParts() throws IOException {
        Message message = new Message(null, tenThousandCharacters(), null, "ntf_3");
        telegram.reply(
                Reply.json(200, OK),
                Reply.json(502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"));

        SendResult.Retryable failed =
                assertInstanceOf(SendResult.Retryable.class, sender.send(channel, "@ops", message));
        assertTrue(failed.error().startsWith("part 2/3"), failed.error());
        SendResult.Sent sent = assertInstanceOf(SendResult.Sent.class, sender.send(channel, "@ops", message));
        assertTrue(sent.detail().contains("resumed at part 2"), sent.detail());

        List<PeerServer.Request> requests = telegram.requests();
        assertEquals(4, requests.size());
        String first = (String) json(requests.get(0)).get("text");
        String second = (String) json(requests.get(1)).get("text");
        assertEquals(second, json(requests.get(2)).get("text"), "the failed part is sent again");
        assertEquals(message.body(), first + second + json(requests.get(3)).get("text"));
    }

    @Test
    void floodLimitWaitsForRetryAfterParameter() {
        telegram.reply(Reply.json(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 17\","
                        + "\"parameters\":{\"retry_after\":17}}"));
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class, sender.send(channel, "-1001", new Message("s", "b", null, "ntf_4")));
        assertEquals(Duration.ofSeconds(17), r.after());
        assertEquals(429, r.responseCode());
        assertTrue(r.error().contains("Too Many Requests"), r.error());
    }

    @Test
    void unknownChatIsPermanent() {
        telegram.reply(
                Reply.json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
        assertEquals(
                new SendResult.Permanent(400, "HTTP 400: Bad Request: chat not found"),
                sender.send(channel, "-999", new Message("s", "b", null, "ntf_5")));
    }

    @Test
    void tokenStaysOutOfErrors() {
        ChannelConfig unreachable =
                new ChannelConfig(3, ChannelType.TELEGRAM, Map.of("baseUrl", PeerServer.refusedBaseUrl()), TOKEN);
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class, sender.send(unreachable, "-1001", new Message("s", "b", null, "ntf_6")));
        assertFalse(r.error().contains(TOKEN), r.error());
    }

    @Test
    void slowApiTimesOutAsRetryable() {
        telegram.stall();
        assertInstanceOf(
                SendResult.Retryable.class, sender.send(channel, "-1001", new Message("s", "b", null, "ntf_7")));
    }
}
