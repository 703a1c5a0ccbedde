package dev.opscenter.ingress.notify.channel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.notify.ChannelType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelRulesTest {
    private static final String SIGNING = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(ChannelType.EMAIL, Map.of("from", "alerts@example.com"), null),
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
        assertDoesNotThrow(() -> ChannelRules.check(type, config, secret, false));
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
                Arguments.of(ChannelType.WEBHOOK, Map.of(), null, "config.url"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "mailto:x@example.com"), null, "config.url"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "https://r.example"), "plain-secret", "secret"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "https://r.example"), "whsec_not base64!", "secret"),
                Arguments.of(ChannelType.WEBHOOK, Map.of("url", "https://r.example"), " ", "secret"));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(ChannelType type, Map<String, Object> config, String secret, String field) {
        ProblemException e = assertThrows(ProblemException.class, () -> ChannelRules.check(type, config, secret, false));
        assertEquals(field, e.errors().get(0).field(), e.getMessage());
    }

    @Test
    void storedSecretSatisfiesAnUpdateWithoutOne() {
        assertDoesNotThrow(() -> ChannelRules.check(ChannelType.SLACK, Map.of(), null, true));
    }
}
