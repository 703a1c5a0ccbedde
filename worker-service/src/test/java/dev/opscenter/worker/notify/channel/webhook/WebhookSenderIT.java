package dev.opscenter.worker.notify.channel.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.net.OutboundPolicy;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.Verification;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.ChannelHttp;
import dev.opscenter.worker.notify.channel.ChannelSenders;
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

/** The receiver is a local HTTP server that checks signatures the way a Standard Webhooks consumer does. */
class WebhookSenderIT {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Map<String, Object> ALERT = Map.of(
            "id",
            77,
            "title",
            "Payment failed",
            "severity",
            "error",
            "metadata",
            Map.of("amount", 1250, "currency", "usd"));

    private final PeerServer receiver = PeerServer.start().byDefault(r -> Reply.of(204, null));
    private final WebhookSender sender = new WebhookSender(PeerServer.http(), JSON);
    private final ChannelConfig channel = new ChannelConfig(
            5,
            ChannelType.WEBHOOK,
            Map.of("url", receiver.baseUrl() + "/hooks/opscenter", "headers", Map.of("X-Environment", "production")),
            SECRET);

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static Verification verify(PeerServer.Request request) {
        return StandardWebhooks.verify(
                SECRET,
                request.body(),
                name -> request.header(name),
                PeerServer.CLOCK.instant(),
                Duration.ofMinutes(5));
    }

    @Test
    void deliversTheAlertSignedTheStandardWebhooksWay() throws IOException {
        SendResult result = sender.send(channel, "ops-team", new Message("s", "b", ALERT, "ntf_123"));

        assertEquals(new SendResult.Sent(204, ""), result);
        PeerServer.Request request = receiver.only();
        assertEquals("/hooks/opscenter", request.path());
        assertEquals(Verification.VERIFIED, verify(request));
        assertEquals("ntf_123", request.header("webhook-id").orElseThrow());
        assertEquals(
                Long.toString(PeerServer.CLOCK.instant().getEpochSecond()),
                request.header("webhook-timestamp").orElseThrow());
        assertEquals("production", request.header("x-environment").orElseThrow());
        assertEquals("application/json", request.header("content-type").orElseThrow());
        assertEquals(ALERT, JSON.readValue(request.body(), Map.class));
    }

    @Test
    void withoutDataSendsSubjectAndBody() throws IOException {
        sender.send(channel, "ops-team", new Message("Nightly report", "All green", null, "ntf_124"));
        PeerServer.Request request = receiver.only();
        assertEquals(
                Map.of("subject", "Nightly report", "body", "All green"), JSON.readValue(request.body(), Map.class));
        assertEquals(Verification.VERIFIED, verify(request));
    }

    @Test
    void urlRecipientOverridesTheConfiguredUrl() {
        sender.send(channel, receiver.baseUrl() + "/team/a?x=1", new Message(null, "b", ALERT, "ntf_125"));
        assertEquals("/team/a", receiver.only().path());
        assertEquals("x=1", receiver.only().query());
    }

    @Test
    void sameKeyOnRetrySoReceiversCanDropDuplicates() {
        receiver.reply(Reply.of(503, "busy"));
        assertInstanceOf(
                SendResult.Retryable.class, sender.send(channel, "ops", new Message(null, "b", ALERT, "ntf_126")));
        assertInstanceOf(SendResult.Sent.class, sender.send(channel, "ops", new Message(null, "b", ALERT, "ntf_126")));
        List<String> ids = receiver.requests().stream()
                .map(r -> r.header("webhook-id").orElseThrow())
                .toList();
        assertEquals(List.of("ntf_126", "ntf_126"), ids);
    }

    @Test
    void receiverRateLimitWaitsUntilTheGivenDate() {
        receiver.reply(Reply.of(429, "slow down").with("Retry-After", "Sat, 01 Mar 2025 12:00:45 GMT"));
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class, sender.send(channel, "ops", new Message(null, "b", ALERT, "ntf_127")));
        assertEquals(Duration.ofSeconds(45), r.after());
    }

    @Test
    void goneEndpointIsPermanentAndItsReplyBodyIsNotKept() {
        receiver.reply(Reply.of(410, "endpoint disabled"));
        assertEquals(
                new SendResult.Permanent(410, "HTTP 410 Gone"),
                sender.send(channel, "ops", new Message(null, "b", ALERT, "ntf_128")));
    }

    @Test
    void replyBodyOfAnInternalServiceIsNeverInTheError() {
        receiver.reply(Reply.of(500, "-ERR wrong number of arguments\r\nredis_version:7.2.4\r\nrequirepass:hunter2"));
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class, sender.send(channel, "ops", new Message(null, "b", ALERT, "ntf_140")));
        assertEquals("HTTP 500 Internal Server Error", r.error());
    }

    @Test
    void hostResolvingToLoopbackIsRefusedWhenNotAllowListed() {
        WebhookSender guarded =
                new WebhookSender(new ChannelHttp(PeerServer.FAST, OutboundPolicy.strict(), PeerServer.CLOCK), JSON);
        String port = receiver.baseUrl().substring(receiver.baseUrl().lastIndexOf(':'));
        for (String target : List.of(
                "http://localhost" + port + "/x",
                "http://127.0.0.1" + port + "/x",
                "http://2130706433" + port + "/x",
                "http://017700000001" + port + "/x",
                "http://[::ffff:127.0.0.1]" + port + "/x")) {
            SendResult.Permanent p = assertInstanceOf(
                    SendResult.Permanent.class,
                    guarded.send(channel, target, new Message(null, "b", ALERT, "ntf_141")),
                    target);
            assertEquals("destination not allowed: the host resolves to a loopback address", p.error(), target);
        }
        assertTrue(receiver.requests().isEmpty(), "nothing reached the loopback receiver");
    }

    @Test
    void closedAndSilentPortsReadTheSame() {
        SendResult.Retryable closed = assertInstanceOf(
                SendResult.Retryable.class,
                sender.send(channel, PeerServer.refusedBaseUrl() + "/x", new Message(null, "b", ALERT, "ntf_142")));
        receiver.stall();
        SendResult.Retryable silent = assertInstanceOf(
                SendResult.Retryable.class, sender.send(channel, "ops", new Message(null, "b", ALERT, "ntf_143")));
        assertEquals(silent.error(), closed.error());
    }

    @Test
    void headerValueWithALineBreakIsAConfigError() {
        ChannelConfig injecting = new ChannelConfig(
                5,
                ChannelType.WEBHOOK,
                Map.of("url", receiver.baseUrl(), "headers", Map.of("X-Token", "a\r\nX-Admin: yes")),
                SECRET);
        SendResult result =
                new ChannelSenders(List.of(sender)).send(injecting, "ops", new Message(null, "b", ALERT, "ntf_144"));
        assertInstanceOf(SendResult.Permanent.class, result);
        assertTrue(receiver.requests().isEmpty());
    }

    @Test
    void slowReceiverTimesOutAsRetryable() {
        receiver.stall();
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class, sender.send(channel, "ops", new Message(null, "b", ALERT, "ntf_129")));
        assertTrue(r.error().contains("timed out"), r.error());
    }

    @Test
    void unreachableReceiverIsRetryable() {
        assertInstanceOf(
                SendResult.Retryable.class,
                sender.send(channel, PeerServer.refusedBaseUrl() + "/x", new Message(null, "b", ALERT, "ntf_130")));
    }

    @Test
    void headerThatWouldForgeTheSignatureIsAConfigError() {
        ChannelConfig forging = new ChannelConfig(
                5,
                ChannelType.WEBHOOK,
                Map.of("url", receiver.baseUrl(), "headers", Map.of("Webhook-Signature", "v1,forged")),
                SECRET);
        SendResult result =
                new ChannelSenders(List.of(sender)).send(forging, "ops", new Message(null, "b", ALERT, "ntf_131"));
        SendResult.Permanent p = assertInstanceOf(SendResult.Permanent.class, result);
        assertTrue(p.error().contains("Webhook-Signature"), p.error());
        assertTrue(receiver.requests().isEmpty());
    }

    @Test
    void noUrlAnywhereIsAConfigError() {
        ChannelConfig noUrl = new ChannelConfig(5, ChannelType.WEBHOOK, Map.of(), SECRET);
        SendResult result =
                new ChannelSenders(List.of(sender)).send(noUrl, "ops", new Message(null, "b", ALERT, "ntf_132"));
        assertInstanceOf(SendResult.Permanent.class, result);
    }
}
