package dev.opscenter.worker.notify.channel.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.PeerServer;
import dev.opscenter.worker.notify.channel.PeerServer.Reply;
import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.json.JsonMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Twilio's Messages resource is a local HTTP server answering like Twilio does. */
class SmsSenderIT {
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "twilio-auth-token";
    private static final String CREATED = "{\"sid\":\"SM5f1\",\"status\":\"queued\",\"to\":\"+15005550006\"}";

    private final PeerServer twilio = PeerServer.start().byDefault(r -> Reply.json(201, CREATED));
    private final SmsSender sender = new SmsSender(PeerServer.http(), JsonMapper.createDefault());
    private final ChannelConfig channel = new ChannelConfig(
            4, ChannelType.SMS, Map.of("baseUrl", twilio.baseUrl(), "accountSid", SID, "from", "+15005550001"), TOKEN);

    @AfterEach
    void stop() {
        twilio.close();
    }

    private static Map<String, String> form(PeerServer.Request request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.text().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void createsAMessageWithBasicAuth() {
        SendResult result =
                sender.send(channel, "+15005550006", new Message("Disk full", "db-1 at 97% & rising", null, "ntf_1"));

        assertEquals(new SendResult.Sent(201, "sid SM5f1 (queued)"), result);
        PeerServer.Request request = twilio.only();
        assertEquals("/2010-04-01/Accounts/" + SID + "/Messages.json", request.path());
        assertEquals(
                "application/x-www-form-urlencoded",
                request.header("content-type").orElseThrow());
        String credentials = new String(
                Base64.getDecoder()
                        .decode(request.header("authorization").orElseThrow().substring(6)),
                StandardCharsets.UTF_8);
        assertEquals(SID + ":" + TOKEN, credentials);
        assertEquals(
                Map.of("To", "+15005550006", "From", "+15005550001", "Body", "Disk full\n\ndb-1 at 97% & rising"),
                form(request));
    }

    @Test
    void bodyIsCutAt1600CharactersWithAnEllipsis() {
        sender.send(channel, "+15005550006", new Message(null, "z".repeat(2000), null, "ntf_2"));
        String body = form(twilio.only()).get("Body");
        assertEquals(1600, body.length());
        assertTrue(body.endsWith("…"));
    }

    @Test
    void twilioErrorIsPermanentWithCodeAndMessage() {
        twilio.reply(Reply.json(
                400,
                "{\"code\":21211,\"message\":\"The 'To' number +1555 is not a valid phone number.\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}"));
        assertEquals(
                new SendResult.Permanent(
                        400, "HTTP 400: Twilio error 21211: The 'To' number +1555 is not a valid phone number."),
                sender.send(channel, "+1555", new Message(null, "hi", null, "ntf_3")));
    }

    @Test
    void badCredentialsArePermanent() {
        twilio.reply(Reply.json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}"));
        SendResult.Permanent p = assertInstanceOf(
                SendResult.Permanent.class,
                sender.send(channel, "+15005550006", new Message(null, "hi", null, "ntf_4")));
        assertTrue(p.error().contains("20003"), p.error());
    }

    @Test
    void tooManyRequestsIsRetryableAfterTheGivenWait() {
        twilio.reply(Reply.json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")
                .with("Retry-After", "4"));
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class,
                sender.send(channel, "+15005550006", new Message(null, "hi", null, "ntf_5")));
        assertEquals(Duration.ofSeconds(4), r.after());
        assertTrue(r.error().contains("20429"), r.error());
    }

    @Test
    void outageWithoutJsonIsRetryable() {
        twilio.reply(Reply.of(503, "<html>Service Unavailable</html>"));
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class,
                sender.send(channel, "+15005550006", new Message(null, "hi", null, "ntf_6")));
        assertEquals(503, r.responseCode());
    }

    @Test
    void slowApiTimesOutAsRetryable() {
        twilio.stall();
        assertInstanceOf(
                SendResult.Retryable.class,
                sender.send(channel, "+15005550006", new Message(null, "hi", null, "ntf_7")));
    }
}
