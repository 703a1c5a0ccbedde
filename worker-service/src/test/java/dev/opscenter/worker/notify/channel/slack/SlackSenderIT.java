package dev.opscenter.worker.notify.channel.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.InvalidChannelConfigException;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.PeerServer;
import dev.opscenter.worker.notify.channel.PeerServer.Reply;
import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slack's side is a local HTTP server playing the incoming webhook. */
class SlackSenderIT {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String HOOK_PATH = "/services/T000/B000/XXXXXXXX";

    private final PeerServer slack = PeerServer.start();
    private final SlackSender sender = new SlackSender(PeerServer.http(), JSON);
    private final ChannelConfig channel =
            new ChannelConfig(1, ChannelType.SLACK, Map.of(), slack.baseUrl() + HOOK_PATH);

    @AfterEach
    void stop() {
        slack.close();
    }

    private static Message message(String subject, String body, Map<String, Object> data) {
        return new Message(subject, body, data, "ntf_1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(PeerServer.Request request) throws IOException {
        return JSON.readValue(request.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> blocks(Map<String, Object> payload) {
        return (List<Map<String, Object>>) payload.get("blocks");
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> block) {
        return (String) ((Map<String, Object>) block.get("text")).get("text");
    }

    @Test
    void postsHeaderSectionContextAndFallback() throws IOException {
        SendResult result = sender.send(
                channel,
                "#ops",
                message(
                        "Payment failed",
                        "Charge *ch_1* was declined",
                        Map.of("source", "stripe", "sourceName", "Stripe live", "severity", "error")));

        assertEquals(new SendResult.Sent(200, "ok"), result);
        PeerServer.Request request = slack.only();
        assertEquals("POST", request.method());
        assertEquals(HOOK_PATH, request.path());
        assertTrue(request.header("content-type").orElseThrow().startsWith("application/json"));
        Map<String, Object> payload = payload(request);
        assertEquals("Payment failed", payload.get("text"));
        List<Map<String, Object>> blocks = blocks(payload);
        assertEquals(
                List.of("header", "section", "context"),
                blocks.stream().map(b -> b.get("type")).toList());
        assertEquals("Payment failed", text(blocks.get(0)));
        assertEquals("Charge *ch_1* was declined", text(blocks.get(1)));
        assertEquals(
                List.of(
                        Map.of("type", "mrkdwn", "text", "*Source:* Stripe live"),
                        Map.of("type", "mrkdwn", "text", "*Severity:* error")),
                blocks.get(2).get("elements"));
    }

    @Test
    void longBodyBecomesSeveralSections() throws IOException {
        String body = ("x".repeat(99) + "\n").repeat(70); // 7,000 characters
        sender.send(channel, "#ops", message("Digest", body, null));

        List<Map<String, Object>> blocks = blocks(payload(slack.only()));
        List<String> sections = blocks.stream()
                .filter(b -> b.get("type").equals("section"))
                .map(SlackSenderIT::text)
                .toList();
        assertEquals(3, sections.size());
        sections.forEach(s -> assertTrue(s.length() <= 3000, "section of " + s.length()));
        assertEquals(body, String.join("", sections));
        assertFalse(blocks.stream().anyMatch(b -> b.get("type").equals("context")), "no data, no context");
    }

    @Test
    void headerIsCutTo150Characters() throws IOException {
        sender.send(channel, "#ops", message("s".repeat(400), "body", null));
        String header = text(blocks(payload(slack.only())).get(0));
        assertEquals(150, header.length());
        assertTrue(header.endsWith("…"));
    }

    @Test
    void alertContentCannotMentionTheChannel() throws IOException {
        sender.send(
                channel,
                "#ops",
                message(null, "<!channel> build & deploy <https://evil|click>", Map.of("severity", "info")));
        Map<String, Object> payload = payload(slack.only());
        String escaped = "&lt;!channel&gt; build &amp; deploy &lt;https://evil|click&gt;";
        assertEquals(escaped, text(blocks(payload).get(0)));
        assertEquals(escaped, payload.get("text"));
    }

    @Test
    void serverErrorIsRetryable() {
        slack.reply(Reply.of(500, "rollup_error"));
        SendResult.Retryable r =
                assertInstanceOf(SendResult.Retryable.class, sender.send(channel, "#ops", message("s", "b", null)));
        assertEquals(500, r.responseCode());
        assertNull(r.after());
        assertEquals("HTTP 500: rollup_error", r.error());
    }

    @Test
    void rateLimitWaitsAsToldInSeconds() {
        slack.reply(Reply.of(429, "rate_limited").with("Retry-After", "30"));
        SendResult.Retryable r =
                assertInstanceOf(SendResult.Retryable.class, sender.send(channel, "#ops", message("s", "b", null)));
        assertEquals(Duration.ofSeconds(30), r.after());
        assertEquals(429, r.responseCode());
    }

    @Test
    void rateLimitWaitsAsToldByDate() {
        slack.reply(Reply.of(429, "rate_limited").with("Retry-After", "Sat, 01 Mar 2025 12:05:00 GMT"));
        SendResult.Retryable r =
                assertInstanceOf(SendResult.Retryable.class, sender.send(channel, "#ops", message("s", "b", null)));
        assertEquals(Duration.ofMinutes(5), r.after());
    }

    @Test
    void rejectedPayloadIsPermanent() {
        slack.reply(Reply.of(400, "invalid_blocks"));
        SendResult.Permanent p =
                assertInstanceOf(SendResult.Permanent.class, sender.send(channel, "#ops", message("s", "b", null)));
        assertEquals(new SendResult.Permanent(400, "HTTP 400: invalid_blocks"), p);
    }

    @Test
    void archivedChannelIsPermanent() {
        slack.reply(Reply.of(410, "channel_is_archived"));
        assertInstanceOf(SendResult.Permanent.class, sender.send(channel, "#ops", message("s", "b", null)));
    }

    @Test
    void slowSlackTimesOutAsRetryable() {
        slack.stall();
        SendResult.Retryable r =
                assertInstanceOf(SendResult.Retryable.class, sender.send(channel, "#ops", message("s", "b", null)));
        assertTrue(r.error().contains("timed out"), r.error());
    }

    @Test
    void unreachableSlackIsRetryableAndKeepsTheUrlOutOfTheError() {
        String hook = PeerServer.refusedBaseUrl() + HOOK_PATH;
        SendResult result =
                sender.send(new ChannelConfig(1, ChannelType.SLACK, Map.of(), hook), "#ops", message("s", "b", null));
        SendResult.Retryable r = assertInstanceOf(SendResult.Retryable.class, result);
        assertFalse(r.error().contains(HOOK_PATH), r.error());
    }

    @Test
    void missingWebhookUrlIsAConfigError() {
        assertThrows(
                InvalidChannelConfigException.class,
                () -> sender.send(
                        new ChannelConfig(1, ChannelType.SLACK, Map.of(), null), "#ops", message("s", "b", null)));
        InvalidChannelConfigException e = assertThrows(
                InvalidChannelConfigException.class,
                () -> sender.send(
                        new ChannelConfig(1, ChannelType.SLACK, Map.of(), "not a url with secret-token"),
                        "#ops",
                        message("s", "b", null)));
        assertFalse(e.getMessage().contains("secret-token"));
    }

    @Test
    void contextNamesOnlyWhatTheDataHas() throws IOException {
        sender.send(channel, "#ops", message("s", "b", Map.of("severity", "critical")));
        List<Object> contexts = blocks(payload(slack.only())).stream()
                .filter(b -> b.get("type").equals("context"))
                .map(b -> b.get("elements"))
                .collect(Collectors.toList());
        assertEquals(List.of(List.of(Map.of("type", "mrkdwn", "text", "*Severity:* critical"))), contexts);
    }
}
