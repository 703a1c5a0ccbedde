package dev.opscenter.ingress.notify.channel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.net.OutboundPolicy;
import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.ingress.api.FieldErrors;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelRulesTest {
    private static final String SIGNING = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private final ChannelRules rules = new ChannelRules(new OutboundPolicy(List.of("127.0.0.1/32")));

    /** Checks as the API does: a 422 naming every invalid field, if there is any. */
    private void check(ChannelType type, Map<String, Object> config, String secret, boolean secretStored) {
        FieldErrors errors = new FieldErrors();
        rules.check(type, config, secret, secretStored, errors);
        errors.throwIfAny();
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(ChannelType.EMAIL, Map.of("from", "alerts@example.com"), null),
                Arguments.of(
                        ChannelType.EMAIL,
                        Map.of(
                                "from",
                                "OpsCenter Alerts <alerts@example.com>",
                                "replyTo",
                                "\"Ops, on call\" <ops@example.com>"),
                        null),
                Arguments.of(
                        ChannelType.WEBHOOK,
                        Map.of("url", "https://r.example", "headers", Map.of("Authorization", "Bearer t-1")),
                        null),
                Arguments.of(ChannelType.SLACK, Map.of(), "https://hooks.slack.example/services/T0/B0/x"),
                Arguments.of(ChannelType.TELEGRAM, Map.of(), "123456:bot-token"),
                Arguments.of(ChannelType.TELEGRAM, Map.of("baseUrl", "http://127.0.0.1:9000"), "123456:bot-token"),
                Arguments.of(ChannelType.SMS, Map.of("accountSid", "AC123", "from", "+15550001111"), "auth-token"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "http://receiver.internal/hook"), null),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "https://receiver.example/hook"), SIGNING));
    }

    @ParameterizedTest
    @MethodSource
    void valid(ChannelType type, Map<String, Object> config, String secret) {
        assertDoesNotThrow(() -> check(type, config, secret, false));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(ChannelType.EMAIL, Map.of(), null, "config.from"),
                Arguments.of(ChannelType.EMAIL, Map.of("from", "not an address"), null, "config.from"),
                Arguments.of(ChannelType.EMAIL, Map.of("from", "a@example.com"), "smtp-password", "secret"),
                Arguments.of(ChannelType.SLACK, Map.of(), null, "secret"),
                Arguments.of(ChannelType.SLACK, Map.of(), "http://hooks.slack.example/x", "secret"),
                Arguments.of(ChannelType.SLACK, Map.of(), "not a url", "secret"),
                Arguments.of(ChannelType.TELEGRAM, Map.of(), null, "secret"),
                Arguments.of(ChannelType.TELEGRAM, Map.of("baseUrl", "ftp://files.example"), "123:t", "config.baseUrl"),
                Arguments.of(ChannelType.SMS, Map.of("from", "+1555"), "token", "config.accountSid"),
                Arguments.of(ChannelType.SMS, Map.of("accountSid", "AC1"), "token", "config.from"),
                Arguments.of(ChannelType.SMS, Map.of("accountSid", "AC1", "from", "+1555"), null, "secret"),
                Arguments.of(ChannelType.SMS, Map.of("accountSid", 42, "from", "+1555"), "token", "config.accountSid"),
                Arguments.of(ChannelType.EMAIL, Map.of("from", "Alerts <alerts@example.com"), null, "config.from"),
                Arguments.of(ChannelType.EMAIL, Map.of("from", "a@example.com, b@example.com"), null, "config.from"),
                Arguments.of(
                        ChannelType.WEBHOOK,
                        Map.of("url", "https://r.example", "headers", Map.of("X-A", "v\r\nX-B: 1")),
                        null,
                        "config.headers.X-A"),
                Arguments.of(
                        ChannelType.WEBHOOK,
                        Map.of("url", "https://r.example", "headers", Map.of("X A", "v")),
                        null,
                        "config.headers"),
                Arguments.of(ChannelType.WEBHOOK, Map.of(), null, "config.url"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "mailto:x@example.com"), null, "config.url"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "https://r.example"), "plain-secret", "secret"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "https://r.example"), "whsec_not base64!", "secret"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "https://r.example"), " ", "secret"));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(ChannelType type, Map<String, Object> config, String secret, String field) {
        ProblemException e = assertThrows(ProblemException.class, () -> check(type, config, secret, false));
        assertEquals(field, e.errors().get(0).field(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.2",
                "http://localhost:6379",
                "http://2130706434",
                "http://017700000002",
                "http://[::1]",
                "http://10.0.0.1",
                "http://192.168.1.1",
                "http://172.16.0.1",
                "http://[fd00::1]",
                "http://100.64.0.1",
                "http://169.254.169.254/latest/meta-data",
                "http://[fe80::1]",
                "http://224.0.0.1",
                "http://0.0.0.0",
                "http://[::]",
                "http://[::ffff:169.254.169.254]"
            })
    void internalDestinationIsRefused(String url) {
        ProblemException e =
                assertThrows(ProblemException.class, () -> check(ChannelType.WEBHOOK, Map.of("url", url), null, false));
        assertEquals("config.url", e.errors().get(0).field(), e.getMessage());
        assertThrows(ProblemException.class, () -> check(ChannelType.TELEGRAM, Map.of("baseUrl", url), "1:t", false));
        assertThrows(
                ProblemException.class,
                () -> check(ChannelType.SLACK, Map.of(), url.replace("http:", "https:"), false));
    }

    @Test
    void movingTheBaseUrlChangesTheDestination() {
        assertTrue(
                ChannelRules.destinationChanged(ChannelType.SMS, Map.of(), Map.of("baseUrl", "https://evil.example")));
        assertFalse(ChannelRules.destinationChanged(
                ChannelType.SMS, Map.of(), Map.of("baseUrl", "https://api.twilio.com/")));
        assertTrue(ChannelRules.destinationChanged(
                ChannelType.WEBHOOK, Map.of("url", "https://a.example"), Map.of("url", "https://b.example")));
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        ProblemException e = assertThrows(
                ProblemException.class,
                () -> check(
                        ChannelType.WEBHOOK,
                        Map.of("url", "mailto:x@example.com", "headers", Map.of("X A", "v", "X-B", "v\r\nX-C: 1")),
                        "plain-secret",
                        false));

        assertEquals(
                List.of("config.headers", "config.headers.X-B", "config.url", "secret"),
                e.errors().stream().map(Problem.FieldError::field).sorted().toList(),
                e.getMessage());
    }

    @Test
    void storedSecretSatisfiesAnUpdateWithoutOne() {
        assertDoesNotThrow(() -> check(ChannelType.SLACK, Map.of(), null, true));
    }
}
