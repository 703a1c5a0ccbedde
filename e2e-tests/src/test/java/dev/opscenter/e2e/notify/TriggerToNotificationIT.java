package dev.opscenter.e2e.notify;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.Verification;
import dev.opscenter.e2e.platform.AdminApi;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.WebhookReceiver;
import dev.opscenter.e2e.platform.Webhooks;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shop triggers {@code order_created} with an API key; a rule on that event source with a condition on the order
 * total sends big orders through a signed webhook channel. Through the real jars: ingress stores and de-duplicates,
 * the worker matches, renders and sends, the receiver here checks the Standard Webhooks signature.
 */
class TriggerToNotificationIT {
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    /** The channel's signing secret: whsec_ and the base64 of a 32-byte key. */
    private static final String SIGNING_SECRET = "whsec_"
            + Base64.getEncoder()
                    .encodeToString("order-desk-signing-key-32-bytes!".getBytes(StandardCharsets.US_ASCII));

    private static final String SUBJECT = "Big order {{payload.order.id}}";
    private static final String BODY =
            "Order {{payload.order.id}} totals {{payload.order.total}} {{payload.order.currency}} ({{event.type}})";

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    private static WebhookReceiver receiver;
    private static AdminApi api;
    private static String apiKey;

    @BeforeAll
    static void configureShopNotifications() throws IOException {
        receiver = WebhookReceiver.start();
        api = new AdminApi(PLATFORM.platform());
        apiKey = api.create("/api/api-keys", Map.of("name", "shop")).path("key").asText();
        long eventSource = api.create("/api/event-sources", resource("/notify/order_created-event-source.json"))
                .path("id")
                .asLong();
        long channel = api.create(
                        "/api/channels",
                        Map.of(
                                "name",
                                "Order desk",
                                "type",
                                "webhook",
                                "config",
                                Map.of("url", receiver.uri("/hooks/orders").toString()),
                                "secret",
                                SIGNING_SECRET))
                .path("id")
                .asLong();
        long template = api.create(
                        "/api/notification-templates",
                        Map.of("name", "Big order", "channelType", "webhook", "subject", SUBJECT, "body", BODY))
                .path("id")
                .asLong();
        api.create(
                "/api/notification-rules",
                Map.of(
                        "name",
                        "Big orders",
                        "eventSourceId",
                        eventSource,
                        "conditions",
                        Map.of("all", List.of(Map.of("path", "payload.order.total", "op", "gte", "value", 1000))),
                        "channelId",
                        channel,
                        "templateId",
                        template,
                        // not a URL, so the worker posts to the channel's config.url
                        "recipients",
                        List.of("order-desk")));
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void bigOrderIsSentOnceSignedWhileItsRetryAndASmallOrderSendNothing() {
        String bigOrder = "{\"event\":\"order_created\",\"event_id\":\"order-1042\","
                + "\"payload\":{\"order\":{\"id\":\"1042\",\"total\":1250,\"currency\":\"EUR\"}}}";
        HttpResponse<String> first = trigger(bigOrder);
        HttpResponse<String> retried = trigger(bigOrder);
        HttpResponse<String> small = trigger("{\"event\":\"order_created\",\"event_id\":\"order-1043\","
                + "\"payload\":{\"order\":{\"id\":\"1043\",\"total\":12.5,\"currency\":\"EUR\"}}}");

        assertEquals(202, first.statusCode(), first.body());
        long bigId = Webhooks.json(first.body()).path("id").asLong();
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(
                bigId,
                Webhooks.json(retried.body()).path("id").asLong(),
                "a repeated event_id answers the first event's id");
        assertTrue(Webhooks.json(retried.body()).path("duplicate").asBoolean(), retried.body());
        assertEquals(202, small.statusCode(), small.body());
        long smallId = Webhooks.json(small.body()).path("id").asLong();

        JsonNode log = Awaitility.await("the big order's notification logged as sent")
                .atMost(DELIVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sentLogs(bigId), logs -> !logs.isEmpty())
                .get(0);
        // both events finished, so every notification they could plan is planned and sent by now
        Awaitility.await("both orders processed")
                .atMost(DELIVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        status(bigId).equals("processed") && status(smallId).equals("processed"));

        List<WebhookReceiver.Received> received = receiver.received();
        assertEquals(1, received.size(), () -> "exactly one POST expected, got " + received.size());
        WebhookReceiver.Received post = received.get(0);
        Verification verification = StandardWebhooks.verify(
                SIGNING_SECRET, post.body(), post.signatureHeaders(), Instant.now(), Duration.ofMinutes(5));
        JsonNode body = Webhooks.json(new String(post.body(), StandardCharsets.UTF_8));
        assertAll(
                () -> assertEquals(Verification.VERIFIED, verification, "signature: " + verification),
                () -> assertEquals("POST", post.method()),
                () -> assertEquals("/hooks/orders", post.path()),
                () -> assertEquals(
                        "ntf_" + log.path("id").asLong(), post.headers().get(StandardWebhooks.ID_HEADER)),
                () -> assertEquals("Big order 1042", body.path("subject").asText(), body.toString()),
                () -> assertEquals(
                        "Order 1042 totals 1250 EUR (order_created)",
                        body.path("body").asText(),
                        body.toString()),
                () -> assertEquals(bigId, body.path("eventId").asLong(), body.toString()),
                () -> assertEquals("order-desk", log.path("recipient").asText(), log.toString()),
                () -> assertEquals("webhook", log.path("channelType").asText(), log.toString()),
                () -> assertEquals(204, log.path("responseCode").asInt(), log.toString()),
                () -> assertEquals(List.of(), logsOf(smallId), "the small order matches no rule"));
    }

    @Test
    void payloadFailingTheSchemaIsRefusedAndNamesEveryField() {
        HttpResponse<String> response = trigger("{\"event\":\"order_created\",\"event_id\":\"order-bad\","
                + "\"payload\":{\"order\":{\"total\":\"a lot\"}}}");

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        List<String> fields = new ArrayList<>();
        Webhooks.json(response.body())
                .path("errors")
                .forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(
                List.of("/order/id", "/order/total"), fields.stream().sorted().toList(), response.body());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TriggerToNotificationIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> trigger(String body) {
        return api.post("/api/events", apiKey, body);
    }

    private static String status(long eventId) {
        return api.get("/api/events/" + eventId).path("status").asText();
    }

    private static List<JsonNode> sentLogs(long eventId) {
        return logsOf(eventId).stream()
                .filter(l -> "sent".equals(l.path("status").asText()))
                .toList();
    }

    private static List<JsonNode> logsOf(long eventId) {
        List<JsonNode> logs = new ArrayList<>();
        api.get("/api/notification-logs?limit=100").path("items").forEach(l -> {
            if (l.path("eventId").asLong() == eventId) {
                logs.add(l);
            }
        });
        return logs;
    }
}
