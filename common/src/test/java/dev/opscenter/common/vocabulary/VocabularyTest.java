package dev.opscenter.common.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.exceptions.SerdeException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The vocabulary's names on the wire: lower case in JSON both ways, and nothing else parses. */
class VocabularyTest {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    static Stream<Enum<?>> constants() {
        return Stream.<Enum<?>[]>of(
                        SourceKind.values(),
                        EventStatus.values(),
                        ChannelType.values(),
                        NotificationStatus.values(),
                        FanoutStatus.values())
                .flatMap(Arrays::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constants")
    void jsonCarriesTheLowerCaseName(Enum<?> constant) throws IOException {
        String json = "\"" + constant.name().toLowerCase(Locale.ROOT) + "\"";

        assertEquals(json, JSON.writeValueAsString(constant));
        assertEquals(constant, JSON.readValue(json, constant.getDeclaringClass()));
    }

    @Test
    void jsonRefusesTheConstantName() {
        assertThrows(SerdeException.class, () -> JSON.readValue("\"FAILED\"", NotificationStatus.class));
    }

    @Test
    void parseTakesTheWireName() {
        assertEquals(SourceKind.STANDARD, SourceKind.parse("standard"));
        assertEquals(EventStatus.PROCESSED, EventStatus.parse("processed"));
        assertEquals(ChannelType.SMS, ChannelType.parse("sms"));
        assertEquals(NotificationStatus.SUPPRESSED, NotificationStatus.parse("suppressed"));
        assertEquals(FanoutStatus.DONE, FanoutStatus.parse("done"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Telegram", "TELEGRAM", " telegram", "telegram ", "matrix", ""})
    void parseRefusesAnythingButAWireNameAndSaysWhatItExpected(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelType.parse(value));

        assertEquals(
                "unknown channel type '" + value + "': one of email, slack, telegram, sms, webhook, console",
                e.getMessage());
    }

    @Test
    void parseOfNothingSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventStatus.parse(null));

        assertEquals("no event status: one of pending, processing, processed, failed", e.getMessage());
    }

    @Test
    void onlyEmailBodiesAreHtml() {
        assertEquals(
                Arrays.asList(ChannelType.EMAIL),
                Arrays.stream(ChannelType.values()).filter(ChannelType::html).toList());
    }

    @Test
    void onlyWebhookAndConsoleRulesKeepEventDataFromChoosingRecipients() {
        assertEquals(
                Arrays.asList(ChannelType.WEBHOOK, ChannelType.CONSOLE),
                Arrays.stream(ChannelType.values())
                        .filter(type -> !type.takesEventRecipients())
                        .toList());
    }

    @Test
    void onlyEmailAndConsoleRulesMayAddressUsers() {
        assertEquals(
                Arrays.asList(ChannelType.EMAIL, ChannelType.CONSOLE),
                Arrays.stream(ChannelType.values())
                        .filter(ChannelType::takesAudience)
                        .toList());
    }
}
