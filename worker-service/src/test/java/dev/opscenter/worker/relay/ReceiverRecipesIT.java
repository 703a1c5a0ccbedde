package dev.opscenter.worker.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.relay.RelaySignatures;
import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.worker.StoredRows;
import dev.opscenter.worker.TestClockFactory;
import io.lettuce.core.RedisClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The receiver recipes of docs/relay.md run as programs ({@code node docs/recipes/verify.mjs},
 * {@code python3 docs/recipes/verify.py}) on requests the worker really sent: one triggered event relayed to two
 * subscriptions of a real local receiver, one of them inside a secret rotation. Each recipe must accept both
 * signatures with the subscription's secret and refuse a stranger's secret, a changed body and a stale timestamp.
 * The interpreters are required: a machine without them fails here, it does not skip.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiverRecipesIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Characters beyond ASCII, so the recipes must sign the body's bytes, not some decoding of them. */
    static final String PAYLOAD = "{\"order_id\": \"A-7\", \"note\": \"café ✓ 注文\", \"total\": 12.50}";

    @Inject
    MutableClock clock;

    @Inject
    SecretCipher cipher;

    @Inject
    RedisKeys keys;

    @Inject
    JsonMapper json;

    final StoredRows rows = new StoredRows(ENV);
    final String secret = RelaySignatures.newSecret();
    final String oldSecret = RelaySignatures.newSecret();
    RelayReceiver receiver;
    RelayReceiver.Request delivered;
    RelayReceiver.Request rotating;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put(TestClockFactory.PROPERTY, "true");
        p.put("opscenter.relay.block", "200ms");
        p.put("opscenter.relay.sweep-interval", "1h");
        return p;
    }

    @BeforeAll
    void deliverOneEvent() throws Exception {
        receiver = new RelayReceiver();
        RelayRows relay = new RelayRows(rows, cipher, receiver);
        relay.subscription("recipes", List.of("order.*"), null, null, secret);
        long rotated = relay.subscription("rotating", List.of("order.*"), null, null, secret);
        relay.previousSecret(rotated, oldSecret, clock.instant().plus(Duration.ofHours(23)));
        long event = rows.triggered(rows.eventSource("order.created"))
                .deliveryId("ord-7")
                .payload(PAYLOAD)
                .store();
        try (RedisClient client = RedisClient.create(ENV.redisUri());
                var connection = client.connect()) {
            connection.sync().xadd(keys.events(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(event)));
        }
        await().atMost(DEADLINE).until(() -> receiver.requests().size() == 2);
        delivered = receiver.to("/recipes").get(0);
        rotating = receiver.to("/rotating").get(0);
        assertTrue(delivered.text().contains("café ✓ 注文"), "the body is UTF-8 as sent: " + delivered.text());
    }

    @AfterAll
    void tearDown() {
        receiver.close();
        ENV.close();
    }

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void recipeAcceptsBothSignaturesOfARealDeliveryWithTheSubscriptionSecret(Recipe recipe) throws Exception {
        assertEquals(
                List.of("standard valid", "plain valid"),
                run(recipe, secret, delivered.headers(), delivered.body(), clock.instant()));
    }

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void recipeRefusesBothSignaturesWithAnotherSecret(Recipe recipe) throws Exception {
        assertEquals(
                List.of("standard invalid", "plain invalid"),
                run(recipe, RelaySignatures.newSecret(), delivered.headers(), delivered.body(), clock.instant()));
    }

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void recipeRefusesAChangedBody(Recipe recipe) throws Exception {
        byte[] changed = delivered.text().replace("A-7", "A-8").getBytes(StandardCharsets.UTF_8);
        assertEquals(
                List.of("standard invalid", "plain invalid"),
                run(recipe, secret, delivered.headers(), changed, clock.instant()));
    }

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void recipeRefusesAStandardSignatureMoreThanFiveMinutesFromNow(Recipe recipe) throws Exception {
        Instant sent = Instant.ofEpochSecond(Long.parseLong(delivered.headers().get("webhook-timestamp")));
        assertEquals(
                List.of("standard valid", "plain valid"),
                run(recipe, secret, delivered.headers(), delivered.body(), sent.plusSeconds(300)),
                "five minutes late is still in time");
        assertEquals(
                List.of("standard invalid", "plain valid"),
                run(recipe, secret, delivered.headers(), delivered.body(), sent.plusSeconds(301)),
                "a replay: the plain signature has no timestamp to judge");
        assertEquals(
                List.of("standard invalid", "plain valid"),
                run(recipe, secret, delivered.headers(), delivered.body(), sent.minusSeconds(301)));
    }

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void recipeAcceptsTheNewAndTheOldSecretDuringARotation(Recipe recipe) throws Exception {
        assertEquals(
                List.of("standard valid", "plain valid"),
                run(recipe, secret, rotating.headers(), rotating.body(), clock.instant()));
        assertEquals(
                List.of("standard valid", "plain valid"),
                run(recipe, oldSecret, rotating.headers(), rotating.body(), clock.instant()),
                "the old secret verifies against webhook-signature's second entry and the -Previous header");
        assertEquals(
                List.of("standard invalid", "plain invalid"),
                run(recipe, oldSecret, delivered.headers(), delivered.body(), clock.instant()),
                "where there is no rotation the old secret signs nothing");
    }

    /** Runs the recipe's program on one request and returns the lines it printed. */
    private List<String> run(Recipe recipe, String key, Map<String, String> headers, byte[] body, Instant now)
            throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("secret", key);
        input.put("headers", headers);
        input.put("body", Base64.getEncoder().encodeToString(body));
        input.put("now", now.getEpochSecond());
        Process process;
        try {
            process = new ProcessBuilder(recipe.interpreter, recipe.path().toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    recipe.interpreter + " is needed to test docs/recipes/" + recipe.file
                            + " (install it; CI machines have it): " + e.getMessage(),
                    e);
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(json.writeValueAsBytes(input));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), recipe.file + " did not finish");
        assertEquals(0, process.exitValue(), recipe.file + " failed:\n" + output);
        return output.lines().toList();
    }
}
