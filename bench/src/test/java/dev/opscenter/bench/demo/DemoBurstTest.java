package dev.opscenter.bench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.signature.GenericSignature;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.signature.Headers;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.StripeSignature;
import dev.opscenter.common.signature.Verification;
import dev.opscenter.common.startup.DevSecrets;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo burst is signed the way ingress verifies it, from the recorded fixtures, with a new delivery id each time. */
class DemoBurstTest {
    /** worker-service's recorded payloads, from this module's directory (where the tests run). */
    private static final Path FIXTURES = Path.of("../worker-service/src/test/resources/fixtures")
            .toAbsolutePath()
            .normalize();

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    /** Ingress's default opscenter.webhooks.timestamp-tolerance. */
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final DevSecrets dev = DevSecrets.load();

    static Stream<DemoWebhook> burst() {
        return DemoWebhook.BURST.stream();
    }

    @ParameterizedTest
    @MethodSource("burst")
    void eachDeliveryVerifiesWithItsSourcesSchemeAndDevSecret(DemoWebhook webhook) throws IOException {
        SignedWebhook signed = webhook.sign(FIXTURES, secret(webhook), NOW);

        assertEquals(Verification.VERIFIED, verify(signed, secret(webhook)), webhook.label());
    }

    @ParameterizedTest
    @MethodSource("burst")
    void eachSendCarriesANewDeliveryId(DemoWebhook webhook) throws IOException {
        String first = deliveryId(webhook.sign(FIXTURES, secret(webhook), NOW));
        String second = deliveryId(webhook.sign(FIXTURES, secret(webhook), NOW));

        assertNotNull(first, webhook.label());
        assertNotEquals(first, second, webhook.label());
    }

    @Test
    void burstReachesEveryDevSource() {
        assertEquals(
                Arrays.stream(DevSource.values()).map(DevSource::slug).collect(Collectors.toSet()),
                dev.sourceSecrets().keySet());
        assertEquals(
                Arrays.asList(DevSource.values()),
                burst().map(DemoWebhook::source).distinct().sorted().toList());
    }

    @Test
    void failedWorkflowRunIsTheRecordingWithOnlyItsConclusionChanged() throws IOException {
        DemoWebhook run = DemoWebhook.BURST.get(0);
        String sent = new String(run.body(FIXTURES), StandardCharsets.UTF_8);

        assertEquals("failure", json(sent).get("workflow_run").get("conclusion").getStringValue());
        assertEquals(recording(run), sent.replace("\"conclusion\": \"failure\"", "\"conclusion\": \"success\""));
    }

    @Test
    void stripeDeliveryIsTheRecordingWithANewEventId() throws IOException {
        DemoWebhook dispute = burst().filter(w -> w.fixture().equals("stripe/charge.dispute.created.json"))
                .findFirst()
                .orElseThrow();
        SignedWebhook signed = dispute.sign(FIXTURES, secret(dispute), NOW);
        String sent = new String(signed.body(), StandardCharsets.UTF_8);
        String recordedId = json(recording(dispute)).get("id").getStringValue();

        assertEquals(recording(dispute), sent.replace(deliveryId(signed), recordedId));
    }

    @Test
    void anEditThatMatchesNothingFails() {
        DemoWebhook broken = new DemoWebhook(
                DevSource.GITHUB,
                "push",
                "push",
                "github/push.json",
                List.of("\"no such field\": 1", "\"no such field\": 2"));

        assertThrows(IllegalStateException.class, () -> broken.body(FIXTURES));
    }

    @Test
    void curlPostsTheRecordedFileUnderASignatureOfItsBytes() throws IOException {
        Path file = FIXTURES.resolve(Demo.CURL_FIXTURE);
        String expected = GitHubSignature.sign(dev.sourceSecret("github"), Files.readAllBytes(file));

        String curl = Demo.curl(URI.create("http://127.0.0.1:8080"), FIXTURES, Clock.fixed(NOW, ZoneOffset.UTC));

        assertTrue(curl.startsWith("curl -sS -X POST http://127.0.0.1:8080/api/webhooks/github "), curl);
        assertTrue(curl.contains("-H '" + GitHubSignature.HEADER + ": " + expected + "'"), curl);
        assertTrue(curl.endsWith("--data-binary '@" + file + "'"), curl);
    }

    private String secret(DemoWebhook webhook) {
        return dev.sourceSecret(webhook.source().slug());
    }

    /** What ingress's SignatureVerifier checks for the source as the dev environment seeds it. */
    private static Verification verify(SignedWebhook signed, String secret) {
        Headers headers = name -> Optional.ofNullable(signed.header(name));
        return switch (signed.source()) {
            case GITHUB -> GitHubSignature.verify(secret, signed.body(), signed.header(GitHubSignature.HEADER));
            case STRIPE ->
                StripeSignature.verify(secret, signed.body(), signed.header(StripeSignature.HEADER), NOW, TOLERANCE);
            case STANDARD -> StandardWebhooks.verify(secret, signed.body(), headers, NOW, TOLERANCE);
            case GENERIC -> new GenericSignature(null, null, null, null).verify(secret, signed.body(), headers, NOW);
        };
    }

    /** Where ingress's EventIdentity finds the provider's delivery id, its de-duplication key. */
    private static String deliveryId(SignedWebhook signed) throws IOException {
        return switch (signed.source()) {
            case GITHUB -> signed.header("X-GitHub-Delivery");
            case STRIPE ->
                json(new String(signed.body(), StandardCharsets.UTF_8))
                        .get("id")
                        .getStringValue();
            case STANDARD -> signed.header(StandardWebhooks.ID_HEADER);
            case GENERIC -> signed.header("X-Webhook-Id");
        };
    }

    private static String recording(DemoWebhook webhook) throws IOException {
        return Files.readString(FIXTURES.resolve(webhook.fixture()), StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }
}
